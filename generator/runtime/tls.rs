//! TLS, as the crate's features choose it: each client is built with its own configuration,
//! and nothing is installed process-wide (a program's own rustls default, if it sets one,
//! is neither used nor changed).
//!
//! - `rustls` (the default): rustls with the aws-lc-rs provider. Post-quantum key exchange
//!   (X25519MLKEM768, which large CDNs and Go 1.24 clients use by default) is preferred,
//!   the classical groups follow for servers without it. Certificates are checked by the
//!   platform's verifier (its trust store and revocation checks), as reqwest does.
//! - `rustls-ring`: rustls with the ring provider: a faster build with less C, but no
//!   post-quantum key exchange (a server that requires it fails the handshake).
//! - `native-tls`: the platform's TLS library (OpenSSL on Linux, Security.framework,
//!   SChannel); post-quantum key exchange as far as that library offers it.
//!
//! When a build enables several (features add up across a dependency graph), `native-tls`
//! wins (it is never a default, so someone asked for it), then `rustls`, then `rustls-ring`.

use super::error::Error;

#[cfg(not(any(feature = "rustls", feature = "rustls-ring", feature = "native-tls")))]
compile_error!(
    "this client needs a TLS feature: enable `rustls` (the default, with post-quantum key \
     exchange), `rustls-ring` or `native-tls`"
);

/// The name of the TLS stack this build uses, for error messages and `Debug` output.
pub(crate) const BACKEND: &str = if cfg!(feature = "native-tls") {
    "native-tls"
} else if cfg!(feature = "rustls") {
    "rustls (aws-lc-rs, post-quantum key exchange preferred)"
} else {
    "rustls (ring, no post-quantum key exchange)"
};

/// Sets up `http`'s TLS from the build's provider, trusting `roots` (PEM certificates)
/// beside the platform's own.
#[cfg(feature = "native-tls")]
pub(crate) fn configure(
    mut http: reqwest::ClientBuilder,
    roots: &[Vec<u8>],
) -> Result<reqwest::ClientBuilder, Error> {
    http = http.tls_backend_native();
    for pem in roots {
        let certificates = reqwest::Certificate::from_pem_bundle(pem)
            .map_err(|e| Error::Config(format!("a root certificate is not valid PEM: {e}")))?;
        if certificates.is_empty() {
            return Err(no_certificate());
        }
        for certificate in certificates {
            http = http.add_root_certificate(certificate);
        }
    }
    Ok(http)
}

/// Sets up `http`'s TLS from the build's provider, trusting `roots` (PEM certificates)
/// beside the platform's own.
#[cfg(all(
    not(feature = "native-tls"),
    any(feature = "rustls", feature = "rustls-ring")
))]
pub(crate) fn configure(
    http: reqwest::ClientBuilder,
    roots: &[Vec<u8>],
) -> Result<reqwest::ClientBuilder, Error> {
    use std::sync::Arc;

    use rustls::pki_types::CertificateDer;
    use rustls::pki_types::pem::PemObject;

    let provider = Arc::new(provider());
    let mut extra: Vec<CertificateDer<'static>> = Vec::new();
    for pem in roots {
        let before = extra.len();
        for certificate in CertificateDer::pem_slice_iter(pem) {
            extra.push(
                certificate.map_err(|e| {
                    Error::Config(format!("a root certificate is not valid PEM: {e}"))
                })?,
            );
        }
        if extra.len() == before {
            return Err(no_certificate());
        }
    }
    let verifier = verifier(provider.clone(), extra)
        .map_err(|e| Error::Config(format!("cannot load the platform's certificates: {e}")))?;
    let mut config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| Error::Config(format!("cannot set up TLS: {e}")))?
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(verifier))
        .with_no_client_auth();
    // The HTTP client speaks HTTP/1.1 only (reqwest is built without HTTP/2).
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(http.tls_backend_preconfigured(config))
}

#[cfg(all(
    not(feature = "native-tls"),
    any(feature = "rustls", feature = "rustls-ring"),
    not(target_os = "android")
))]
fn verifier(
    provider: std::sync::Arc<rustls::crypto::CryptoProvider>,
    extra: Vec<rustls::pki_types::CertificateDer<'static>>,
) -> Result<rustls_platform_verifier::Verifier, rustls::Error> {
    if extra.is_empty() {
        rustls_platform_verifier::Verifier::new(provider)
    } else {
        rustls_platform_verifier::Verifier::new_with_extra_roots(extra, provider)
    }
}

#[cfg(all(
    not(feature = "native-tls"),
    any(feature = "rustls", feature = "rustls-ring"),
    target_os = "android"
))]
fn verifier(
    provider: std::sync::Arc<rustls::crypto::CryptoProvider>,
    extra: Vec<rustls::pki_types::CertificateDer<'static>>,
) -> Result<rustls_platform_verifier::Verifier, rustls::Error> {
    if extra.is_empty() {
        rustls_platform_verifier::Verifier::new(provider)
    } else {
        Err(rustls::Error::General(
            "extra root certificates are not supported on Android (install them in the system store)".into(),
        ))
    }
}

/// aws-lc-rs, with the hybrid post-quantum group first whatever rustls's own features
/// say, so that the first `ClientHello` already carries its key share.
#[cfg(all(not(feature = "native-tls"), feature = "rustls"))]
fn provider() -> rustls::crypto::CryptoProvider {
    use rustls::crypto::aws_lc_rs::{self, kx_group};

    let mut provider = aws_lc_rs::default_provider();
    let first = kx_group::X25519MLKEM768;
    provider
        .kx_groups
        .retain(|group| group.name() != first.name());
    provider.kx_groups.insert(0, first);
    provider
}

/// ring, which has no post-quantum key exchange: what the `rustls-ring` feature opts into.
#[cfg(all(
    not(feature = "native-tls"),
    not(feature = "rustls"),
    feature = "rustls-ring"
))]
// rustls 0.23.48 deprecates ring's provider for lacking post-quantum key exchange; choosing
// this feature is choosing that, so the deprecation is not the user's to fix.
#[allow(deprecated)]
fn provider() -> rustls::crypto::CryptoProvider {
    rustls::crypto::ring::default_provider()
}

/// Whether `error` is the TLS stack's own error (a rustls error, bare or inside the
/// `io::Error`s the connection reports it in).
pub(crate) fn is_tls_error(error: &(dyn std::error::Error + 'static)) -> bool {
    #[cfg(any(feature = "rustls", feature = "rustls-ring"))]
    {
        // The connector reports it as an `io::Error` in an `io::Error`, whose `source` skips
        // the wrapped error: look inside each.
        let mut current = error;
        loop {
            if current.is::<rustls::Error>() {
                return true;
            }
            match current
                .downcast_ref::<std::io::Error>()
                .and_then(|io| io.get_ref())
            {
                Some(inner) => current = inner,
                None => break,
            }
        }
    }
    // native-tls's error type is not reachable without depending on it; its messages are
    // the platform library's and are shown as the cause.
    let _ = error;
    false
}

fn no_certificate() -> Error {
    Error::Config("a root certificate holds no PEM `CERTIFICATE` block".into())
}
