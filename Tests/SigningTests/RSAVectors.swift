/// Binance's published RSA example key (binance/binance-signature-examples, python/private_key.pem) and
/// signatures of Binance payloads under it. RSASSA-PKCS1-v1_5 is deterministic, so they are exact.
enum RSAVectors {
    static let privateKeyPEM = """
-----BEGIN PRIVATE KEY-----
MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQDPrfWMr2yqxJgJ
cIyA5TDFpZBlB9E3RMbbEcPZijmPDiciZjuRiD1Q6oQzi1MFGTZ523HwSXe9XG3R
NQaLCjxi+VkLsvCoxzgurkWXoQr0VHJyEDxnyRaCzTyvvHQgt0LKCWfqalYNz0ue
doxnYnde3DH/tFFXX0/rTkJyK6LpOyKOAqE0G7OhuQWkLvlUO8mqwtGNqdrtOgzv
kTN5rhb5VeWB4JGWDcAYFb9CQI9wD7/JJU1XQGIOJEY3L/PjGLcjDEiROt57/RS3
i6OVTiAgDcgA405tNLgS326hfbEchI5tKeOxqrFYVfvOK8+4o+rrUBnMhrBg0tJv
1feQKeAnAgMBAAECggEAUdB8PZIWQyfzpTRbhaPElPhmbAaqWxWTKVZUS2zyw/KV
ZC3WJb0AOtJIhm3KpOWL2nGi70BiFY1GDfbPvxKnO25zr/IscLEa5vjsnZFp2Vsz
QtA2m8RSQ/FKiQi6zvCjNSiDcYu2nvYdGi4lnczirdIdOFj2+m6n81D/SC78nNhj
P/JLbSPFw+XOfVqOVelXHw7XGtMH9dgFjWDdB317HcJjZyPDahpQQ7s6PcecDwuv
Qucs+Hi4sAWiHOiwKusx3sT/NL5Og/jAvC5aMy1QswWFnPr90T3qFE4MN1GZszzX
DmDkWaGaRwuwdpi/ocIZF3R9XX3m+WOVdEZRfzzcEQKBgQDt11achN666/j1kgQM
xPdzo06eUUZb/JUtEXz8hU+AzRsN/eso/47pjaPq7nrXFYE4aEx7Je2I9S52Y+b/
SLrctuza25VOxvqIpDynlvM/Iatg9WuTEIuOk7gkBFanDNjDjZDKFuDYSEfN+sX+
UakFT7cm+xu12PWR8HlZmFZL5QKBgQDfiRrC8zADSIE74uFBJ5K88t6cwrktqdPH
9QT69j+VpRXssyUoCfR4/zchKbEyTwSASvL1saJR14Opmvn6Le+0DKq+EV7Z1UM6
svVIzd9pWWMhRh9G83CC5Krx9Ie+34QHNRxBf+rya5if/aBCDtBFedRGbR6Le8MB
yvrpT5hzGwKBgQCU2+QPjnHA2BQ3zq3OODEQJTP9jqzUwd+0F2/8tIsv+C9osHXQ
cTLHJqljTuN/XqxD27OSmAh1Yc80tg5L1P9vSOYxjKGEbrE7eF+mHKod5zrWMoSj
xQUztWzYzgZWA4pfymjGs08Czypx1vS42e9JrbzaHuwXArWgI7wvwVKxqQKBgQCS
ByIZav7Zljr+oUdf5fdBQjPVGowYXZJBVTpMrCN7od4BxEIotuAjTy53lqHwaJhb
KxsvED0m0/BqExjsq6ek6oV8JyLckSobJZ+BUSR60O8mZIW4Nv4wNCvMZl9rfN7m
SnbL/0G/3jRViD1yCfVa/ayD2XMT0eThvfVOBzZjMwKBgB5jasP9TcDAyaEKta+g
6glTM0MKUWfhZzYRbvDXdnatjjMEdixWm9aXwc0Nw+aN0KkdLBwvnDiVMtX+Xl2n
BU2Gxxe3H8qrvkoi8zmzh3VWpqzfB+L3sXAq+6VNNYLEFLBR6D2u4DD86FvY+DsU
miJlY6JEKpSxvkrS04XrbvHk
-----END PRIVATE KEY-----
"""

    static let publicKeyPEM = """
-----BEGIN PUBLIC KEY-----
MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAz631jK9sqsSYCXCMgOUw
xaWQZQfRN0TG2xHD2Yo5jw4nImY7kYg9UOqEM4tTBRk2edtx8El3vVxt0TUGiwo8
YvlZC7LwqMc4Lq5Fl6EK9FRychA8Z8kWgs08r7x0ILdCygln6mpWDc9LnnaMZ2J3
Xtwx/7RRV19P605Cciui6TsijgKhNBuzobkFpC75VDvJqsLRjana7ToM75Ezea4W
+VXlgeCRlg3AGBW/QkCPcA+/ySVNV0BiDiRGNy/z4xi3IwxIkTree/0Ut4ujlU4g
IA3IAONObTS4Et9uoX2xHISObSnjsaqxWFX7zivPuKPq61AZzIawYNLSb9X3kCng
JwIDAQAB
-----END PUBLIC KEY-----
"""

    static let signatures: [(payload: String, base64: String)] = [
        ("timestamp=1578963600000",
         "qlutXCa1uE6hTGbCXTWb+Mz1qToKVUWSod532McnpJfTGctqkrovh61n/GZ03epBlAK6d1f5i+pIs0asvowTenZEEazY+hrai1dzWOfYh+XI2PpsnV5QKNzmVxF+0Eur+VG2WqmJMusumvKxq2HfHrrmNl1jeMl5JtOj7P/IaSOIbsgcYn467oOl9saVEmFeiirFLHCFn1P6Jm/EVaFAsCL+egloFk3MLQdKdRErZSAmW2pmzmwYD1JqILAJXWV3i/jdPC7CR+g3New56GdZjhqpSbz8uFTQeLFoZj0Jc1U3AntZBHvPCM+QgLXv987qGwDDKjB1wsrHfglT511zOw=="),
        ("symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559",
         "uz2xmNkOf1EEsnZoWGraxR13F4jF9JYdC68uvWqYyjFyjwDgcoiMRm23UqsxWkmA208smu7TuGVxm1cWoZa/5fLQ2T/RcfLW9sokNWDzf1vM/xEpSmQEsSyIzd/c0pMWGsUkXsYpIarp3e/KSFzgwI73qZfbalBRkkK7u3dLWRVRk4kmEVf6dQUWMyXC44X8LB0M1XFrhkqcFYdcP9NcaCZCvb8nzG/nyUPtCJdBxVn8MMgXaVCM8DIbSrUBT0ZUxFQ3gTSd929LR1Tp6P2y4pHiWSElW5nJZYRRn2zUFt4xH7wvVKvuuEi8HH0Dusf6KBcWq8/3viAcRUh1Cj4fsQ=="),
        ("symbol=BTCUSDT&side=SELL&type=LIMIT&timeInForce=GTC&quantity=1&price=0.2&timestamp=1668481559918&recvWindow=5000",
         "uwh3oGpiVTIq0XeF00N1hJ6moowNTDxgbEbhPheZ2YlGWB80MsTQfPYNFB8zaBRn/cpTRiceZJjnNuPdSYY+OY/Bf8wqE9JhjXk+jWd49qoe4uTZ+AWcyMdlC4suxiURNM3zii5GzGIno1A0PK4JqpRuRGFNsFEQ8ioUPaRf4enhPJfCHgxRj5QEIp2GxXcNzQnKKelRjW/k0wkxiKFHWZzQcLlOXKfHYensyS9dT1ZGphlqxXyMU0oLpqpuf0YLvj98sC0PS3TZVAZkMltMPqTvecZOTsg15j6Cj21a/Q3J+p0U3H1ihNjlTH9FrUvjioFLPP9hvWgHMM745pPGdQ=="),
    ]
}
