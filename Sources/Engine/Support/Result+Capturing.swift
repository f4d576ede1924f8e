extension Result where Failure == any Error {
    /// The outcome of one read, kept as a value: several reads run together and each one's
    /// failure is reported on its own instead of failing the others.
    public static func capturing(_ read: () async throws -> Success) async -> Result<Success, any Error> {
        do { return .success(try await read()) } catch { return .failure(error) }
    }
}
