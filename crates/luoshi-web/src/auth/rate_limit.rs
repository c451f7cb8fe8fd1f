//! Sign-in rate limit: failed attempts counted per (username, client IP)
//! in memory. After `MAX_FAILURES` failures inside `WINDOW`, further
//! attempts for that pair are refused until the window has passed; a
//! successful sign-in clears the count.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Failures allowed inside one window.
pub const MAX_FAILURES: u32 = 5;
/// How long failures are remembered.
pub const WINDOW: Duration = Duration::from_secs(15 * 60);

#[derive(Default)]
pub struct SignInLimiter {
    failures: Mutex<HashMap<(String, IpAddr), (u32, Instant)>>,
}

impl SignInLimiter {
    fn key(username: &str, ip: IpAddr) -> (String, IpAddr) {
        (username.trim().to_lowercase(), ip)
    }

    /// `Err(wait)` when this pair is locked out, with the time left.
    pub fn check(&self, username: &str, ip: IpAddr) -> Result<(), Duration> {
        self.check_at(username, ip, Instant::now())
    }

    fn check_at(&self, username: &str, ip: IpAddr, now: Instant) -> Result<(), Duration> {
        let mut map = self.failures.lock().expect("limiter lock");
        let key = Self::key(username, ip);
        if let Some(&(count, first)) = map.get(&key) {
            let elapsed = now.saturating_duration_since(first);
            if elapsed >= WINDOW {
                map.remove(&key);
            } else if count >= MAX_FAILURES {
                return Err(WINDOW - elapsed);
            }
        }
        Ok(())
    }

    pub fn record_failure(&self, username: &str, ip: IpAddr) {
        self.record_failure_at(username, ip, Instant::now());
    }

    fn record_failure_at(&self, username: &str, ip: IpAddr, now: Instant) {
        let mut map = self.failures.lock().expect("limiter lock");
        // Forget stale entries now and then so the map cannot grow without bound.
        if map.len() > 10_000 {
            map.retain(|_, (_, first)| now.saturating_duration_since(*first) < WINDOW);
        }
        let entry = map.entry(Self::key(username, ip)).or_insert((0, now));
        if now.saturating_duration_since(entry.1) >= WINDOW {
            *entry = (0, now);
        }
        entry.0 += 1;
    }

    pub fn record_success(&self, username: &str, ip: IpAddr) {
        self.failures.lock().expect("limiter lock").remove(&Self::key(username, ip));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locks_after_max_failures_per_user_and_ip_then_releases() {
        let limiter = SignInLimiter::default();
        let ip: IpAddr = "10.0.0.7".parse().unwrap();
        let other_ip: IpAddr = "10.0.0.8".parse().unwrap();
        let t0 = Instant::now();
        for _ in 0..MAX_FAILURES {
            assert!(limiter.check_at("zhang", ip, t0).is_ok());
            limiter.record_failure_at("Zhang ", ip, t0);
        }
        assert!(limiter.check_at("zhang", ip, t0).is_err());
        assert!(limiter.check_at("zhang", other_ip, t0).is_ok());
        assert!(limiter.check_at("li", ip, t0).is_ok());
        assert!(limiter.check_at("zhang", ip, t0 + WINDOW).is_ok());
    }

    #[test]
    fn success_clears_the_count() {
        let limiter = SignInLimiter::default();
        let ip: IpAddr = "127.0.0.1".parse().unwrap();
        for _ in 0..MAX_FAILURES {
            limiter.record_failure("wang", ip);
        }
        assert!(limiter.check("wang", ip).is_err());
        limiter.record_success("wang", ip);
        assert!(limiter.check("wang", ip).is_ok());
    }
}
