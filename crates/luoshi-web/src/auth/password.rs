//! Password hashes: argon2id in PHC strings (`$argon2id$v=19$…`).
//!
//! Hashing is deliberately slow, so callers run it on a blocking thread
//! (`tokio::task::spawn_blocking`) and never on the async executor.

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};

/// The hasher used for new passwords. Unit tests use the cheapest
/// parameters argon2 allows so that they do not spend seconds hashing;
/// everything else (including the debug binary the browser test runs)
/// uses argon2's recommended defaults. Verification always uses the
/// parameters stored in the hash itself.
fn hasher() -> Argon2<'static> {
    if cfg!(test) {
        let params = argon2::Params::new(
            argon2::Params::MIN_M_COST.max(8),
            argon2::Params::MIN_T_COST,
            1,
            None,
        )
        .expect("minimal argon2 parameters are valid");
        Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params)
    } else {
        Argon2::default()
    }
}

/// Hash a password for storage.
pub fn hash_password(password: &str) -> anyhow::Result<String> {
    let hash = hasher()
        .hash_password(password.as_bytes())
        .map_err(|e| anyhow::anyhow!("密码哈希失败: {e}"))?;
    Ok(hash.to_string())
}

/// Check a password against a stored PHC string. A malformed stored hash
/// never matches.
pub fn verify_password(password: &str, stored: &str) -> bool {
    match PasswordHash::new(stored) {
        Ok(parsed) => Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok(),
        Err(_) => false,
    }
}

/// The minimum length enforced when an administrator sets a password.
pub const MIN_PASSWORD_CHARS: usize = 8;

/// Whether a new password is acceptable; the error text is shown to the user.
pub fn check_new_password(password: &str) -> Result<(), String> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(format!("密码至少需要{MIN_PASSWORD_CHARS}个字符"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_verifies_its_password_and_nothing_else() {
        let hash = hash_password("清河督查2025").unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password("清河督查2025", &hash));
        assert!(!verify_password("清河督查2024", &hash));
        assert!(!verify_password("清河督查2025", "not a hash"));
    }

    #[test]
    fn two_hashes_of_one_password_differ_by_salt() {
        assert_ne!(hash_password("password1").unwrap(), hash_password("password1").unwrap());
    }

    #[test]
    fn short_passwords_are_refused() {
        assert!(check_new_password("1234567").is_err());
        assert!(check_new_password("12345678").is_ok());
    }
}
