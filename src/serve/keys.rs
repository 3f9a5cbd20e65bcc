//! Who the server is and who may come in: the host key (made on first run, kept in the state
//! directory with mode 0600), the class password and the teacher's public keys.

use std::io;
use std::path::{Path, PathBuf};

use russh::keys::ssh_key::LineEnding;
use russh::keys::ssh_key::private::Ed25519Keypair;
use russh::keys::{HashAlg, PrivateKey, PublicKey};

/// The host key's file in the state directory.
pub fn host_key_path(state_dir: &Path) -> PathBuf {
    state_dir.join("serve").join("host_ed25519_key")
}

/// Read the host key, or make one (ed25519, from the operating system's random source) and keep
/// it, so students' SSH clients see the same key every lesson. The file is written atomically
/// and only its owner may read it.
pub fn host_key(path: &Path) -> Result<(PrivateKey, bool), String> {
    match std::fs::read_to_string(path) {
        Ok(text) => {
            let key = PrivateKey::from_openssh(text.trim_end().as_bytes())
                .map_err(|e| format!("{}: not an OpenSSH private key ({e})", path.display()))?;
            Ok((key, false))
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            let mut seed = [0u8; 32];
            getrandom::fill(&mut seed).map_err(|e| format!("no random source for a host key: {e}"))?;
            let key = PrivateKey::from(Ed25519Keypair::from_seed(&seed));
            seed.fill(0);
            let text = key.to_openssh(LineEnding::LF).map_err(|e| format!("cannot encode the host key: {e}"))?;
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
            }
            crate::atomic_file::atomic_write_private(path, text.as_bytes())
                .map_err(|e| format!("{}: {e}", path.display()))?;
            Ok((key, true))
        }
        Err(e) => Err(format!("{}: {e}", path.display())),
    }
}

/// "SHA256:…", as `ssh` shows it when it first meets the server.
pub fn fingerprint(key: &PrivateKey) -> String {
    key.public_key().fingerprint(HashAlg::Sha256).to_string()
}

/// The class password: the first line of the file, without its line ending. An empty one is
/// refused (anyone could type it; say `--open` for that).
pub fn password(path: &Path) -> Result<String, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("--password-file {}: {e}", path.display()))?;
    let line = text.lines().next().unwrap_or("").trim_end_matches('\r').to_string();
    if line.is_empty() {
        return Err(format!(
            "--password-file {}: the first line is empty; write the class password there (or use --open)",
            path.display()
        ));
    }
    Ok(line)
}

/// Public keys that log in as the teacher: every key line of an OpenSSH `.pub` or
/// `authorized_keys` file.
pub fn teacher_keys(path: &Path) -> Result<Vec<PublicKey>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("--teacher-key {}: {e}", path.display()))?;
    let mut keys = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let key = PublicKey::from_openssh(line)
            .map_err(|e| format!("--teacher-key {} line {}: not an OpenSSH public key ({e})", path.display(), n + 1))?;
        keys.push(key);
    }
    if keys.is_empty() {
        return Err(format!("--teacher-key {}: no public key in the file", path.display()));
    }
    Ok(keys)
}

/// Compare a typed password with the class password in time that does not depend on where they
/// first differ.
pub fn same_password(typed: &str, class: &str) -> bool {
    let (a, b) = (typed.as_bytes(), class.as_bytes());
    let mut diff = (a.len() != b.len()) as u8;
    for i in 0..a.len().max(b.len()) {
        diff |= a.get(i).copied().unwrap_or(0) ^ b.get(i).copied().unwrap_or(0);
    }
    diff == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_host_key_is_made_once_kept_private_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = host_key_path(dir.path());
        let (made, new) = host_key(&path).unwrap();
        assert!(new);
        let (read, new) = host_key(&path).unwrap();
        assert!(!new);
        assert_eq!(fingerprint(&made), fingerprint(&read));
        assert!(fingerprint(&made).starts_with("SHA256:"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "the host key must be private");
        }
        std::fs::write(&path, "not a key").unwrap();
        assert!(host_key(&path).unwrap_err().contains("not an OpenSSH private key"));
    }

    #[test]
    fn passwords_and_teacher_keys() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("pw");
        std::fs::write(&p, "qandy-2022\r\nignored\n").unwrap();
        assert_eq!(password(&p).unwrap(), "qandy-2022");
        std::fs::write(&p, "\n").unwrap();
        assert!(password(&p).unwrap_err().contains("--open"));
        assert!(same_password("qandy", "qandy"));
        assert!(!same_password("qand", "qandy"));
        assert!(!same_password("qandy!", "qandy"));
        assert!(!same_password("", "qandy"));

        let k = dir.path().join("teacher.pub");
        let key = PrivateKey::from(Ed25519Keypair::from_seed(&[7; 32]));
        std::fs::write(&k, format!("# the teacher\n{}\n", key.public_key().to_openssh().unwrap())).unwrap();
        assert_eq!(teacher_keys(&k).unwrap(), vec![key.public_key().clone()]);
        std::fs::write(&k, "ssh-ed25519 AAAAnotbase64\n").unwrap();
        assert!(teacher_keys(&k).unwrap_err().contains("line 1"));
    }
}
