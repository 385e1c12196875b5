import Foundation
import NIOSSL
import PostgresNIO
import TagihConfig

/// TLS for a connection over TCP, as libpq reads `sslmode` (CONTRACT §12: the
/// URI is PostgreSQL's own, so a database administrator's `sslmode=verify-full`
/// means here what it means to `psql`):
///
/// | sslmode | TLS | the server's certificate |
/// |---|---|---|
/// | `disable` | never | — |
/// | `allow`, `prefer` (the default) | when the server offers it | not checked |
/// | `require` | always | not checked, unless a root certificate file exists (then as `verify-ca`, as libpq does) |
/// | `verify-ca` | always | signed by a root of `sslrootcert` |
/// | `verify-full` | always | that, and issued for the host named in the URI |
///
/// `sslrootcert` defaults to `~/.postgresql/root.crt`; `sslrootcert=system`
/// is the system's store. A client certificate (`sslcert`, `sslkey`, else
/// `~/.postgresql/postgresql.crt` and `.key` when both exist) is offered
/// when the server asks for one. `allow` tries TLS first where libpq tries
/// without first; either way both kinds of server are accepted.
enum PostgresTLS {
    /// Why TLS cannot be set up: said as the detail of "cannot reach the server".
    struct Problem: Error { let detail: String }

    static func configuration(for uri: PostgresURI,
                              home: String? = ProcessInfo.processInfo.environment["HOME"]) throws(Problem) -> PostgresConnection.Configuration.TLS {
        let mode = uri.sslMode ?? .prefer
        if mode == .disable { return .disable }
        let folder = home.map { "\($0)/.postgresql" }
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.certificateVerification = .none

        let root = uri.sslRootCert ?? folder.map { "\($0)/root.crt" }
        let rootExists = root.map { $0 == "system" || FileManager.default.fileExists(atPath: $0) } ?? false
        let verifying: CertificateVerification?
        switch mode {
        case .verifyFull: verifying = .fullVerification
        case .verifyCA: verifying = .noHostnameVerification
        case .require where rootExists: verifying = .noHostnameVerification
        default: verifying = nil
        }
        if let verifying {
            guard let root, rootExists else {
                throw Problem(detail: "sslmode=\(mode.rawValue) needs the server's root certificate, and \(root ?? "~/.postgresql/root.crt") does not exist (name one with sslrootcert=FILE)")
            }
            tls.certificateVerification = verifying
            if root == "system" {
                tls.trustRoots = .default
            } else {
                do { tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(root)) } catch {
                    throw Problem(detail: "the root certificate \(root) cannot be read as PEM certificates")
                }
            }
        }

        let cert = uri.sslCert ?? folder.map { "\($0)/postgresql.crt" }
        let key = uri.sslKey ?? folder.map { "\($0)/postgresql.key" }
        let named = uri.sslCert != nil || uri.sslKey != nil
        if let cert, let key, named || (FileManager.default.fileExists(atPath: cert) && FileManager.default.fileExists(atPath: key)) {
            do {
                tls.certificateChain = try NIOSSLCertificate.fromPEMFile(cert).map { .certificate($0) }
                tls.privateKey = .privateKey(try NIOSSLPrivateKey(file: key, format: .pem))
            } catch {
                throw Problem(detail: "the client certificate \(cert) or its key \(key) cannot be read as PEM")
            }
        }

        let context: NIOSSLContext
        do { context = try NIOSSLContext(configuration: tls) } catch {
            throw Problem(detail: "TLS cannot be set up (\(error))")
        }
        return verifying == nil && mode != .require ? .prefer(context) : .require(context)
    }
}
