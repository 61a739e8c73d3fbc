//! The certificates the desk trusts for its mail servers' TLS: the web PKI
//! roots, plus the certificate authorities in `git config tk.mail.cafile`
//! (a PEM file, for a company's own CA or a self-signed server), for IMAP
//! and SMTP alike.

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::CertificateDer;
use std::path::Path;

/// The largest CA file read: a bundle of every public root is about 220 KB.
const MAX_FILE: u64 = 4 * 1024 * 1024;

/// Certificate authorities trusted in addition to the web PKI roots.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Trusted {
    /// The file's PEM text, for lettre's SMTP client.
    pem: Vec<u8>,
    /// Its certificates, for rustls.
    certificates: Vec<CertificateDer<'static>>,
}

impl Trusted {
    /// Reads the PEM file at `path` (`tk.mail.cafile`); refuses a file that
    /// cannot be read, is too large, or holds no certificate.
    pub fn read(path: &Path) -> Result<Trusted, String> {
        let problem = |why: String| format!("tk.mail.cafile {}: {why}", path.display());
        let size = std::fs::metadata(path)
            .map_err(|e| problem(format!("cannot read it: {e}")))?
            .len();
        if size > MAX_FILE {
            return Err(problem(format!(
                "it has {size} bytes, more than a CA file ({MAX_FILE})"
            )));
        }
        let pem = std::fs::read(path).map_err(|e| problem(format!("cannot read it: {e}")))?;
        let certificates = CertificateDer::pem_slice_iter(&pem)
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| problem(format!("it is not a PEM file of certificates: {e}")))?;
        if certificates.is_empty() {
            return Err(problem(
                "it holds no certificate (-----BEGIN CERTIFICATE-----)".to_string(),
            ));
        }
        Ok(Trusted { pem, certificates })
    }

    /// Reads the file `tk.mail.cafile` names, if it is set; a leading `~/`
    /// is the home directory, as in git's own path settings.
    pub fn from_setting(value: Option<&str>) -> Result<Trusted, String> {
        let Some(value) = value.map(str::trim).filter(|v| !v.is_empty()) else {
            return Ok(Trusted::default());
        };
        let path = match (value.strip_prefix("~/"), std::env::var_os("HOME")) {
            (Some(rest), Some(home)) => Path::new(&home).join(rest),
            _ => Path::new(value).to_path_buf(),
        };
        Trusted::read(&path)
    }

    /// Returns the PEM text of the extra authorities (empty when none).
    pub fn pem(&self) -> &[u8] {
        &self.pem
    }

    /// Returns the root store for rustls: the web PKI roots and the extra
    /// authorities.
    pub fn roots(&self) -> rustls::RootCertStore {
        let mut roots = rustls::RootCertStore {
            roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
        };
        // A certificate rustls cannot use as a root is left out; the server
        // it was meant for then fails verification with rustls's reason.
        roots.add_parsable_certificates(self.certificates.iter().cloned());
        roots
    }
}

/// Returns whether `error`, or an error it was caused by, is a server
/// certificate the client refused, which retrying does not mend.
pub fn is_untrusted_certificate(error: &(dyn std::error::Error + 'static)) -> bool {
    let refused = |e: &rustls::Error| {
        matches!(
            e,
            rustls::Error::InvalidCertificate(_) | rustls::Error::NoCertificatesPresented
        )
    };
    let mut cause = Some(error);
    while let Some(e) = cause {
        if e.downcast_ref::<rustls::Error>().is_some_and(refused) {
            return true;
        }
        let inner = e
            .downcast_ref::<std::io::Error>()
            .and_then(|io| io.get_ref())
            .and_then(|inner| inner.downcast_ref::<rustls::Error>());
        if inner.is_some_and(refused) {
            return true;
        }
        cause = e.source();
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_without_certificates_is_refused_naming_the_key() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ca.pem");
        std::fs::write(&path, "not a certificate\n").unwrap();
        let e = Trusted::read(&path).unwrap_err();
        assert!(e.starts_with("tk.mail.cafile "), "{e}");
        assert!(e.contains("holds no certificate"), "{e}");
        let e = Trusted::read(&dir.path().join("missing.pem")).unwrap_err();
        assert!(e.contains("cannot read it"), "{e}");
    }

    #[test]
    fn no_extra_authority_keeps_the_web_roots() {
        let trusted = Trusted::default();
        assert!(trusted.pem().is_empty());
        assert_eq!(trusted.roots().len(), webpki_roots::TLS_SERVER_ROOTS.len());
    }
}
