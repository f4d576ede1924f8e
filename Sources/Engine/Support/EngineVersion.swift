/// The engine's release (CHANGELOG.md) and the git commit it was built from (stamped at build
/// time by the `EngineVersionStamp` plugin; `unknown` outside a git checkout, `-dirty` with
/// uncommitted changes). Every report carries `engine_version`; `cycle --version` prints it.
public enum EngineVersion {
    /// Semantic version of this release; bump it with a CHANGELOG.md entry.
    public static let semantic = "0.9.12"
    public static let commit = buildCommit

    /// `0.9.0+1a2b3c4d5e6f`: what reports carry.
    public static var full: String { "\(semantic)+\(commit)" }
}
