//! Shared by the web tests: a real `luoshi serve` on a free loopback port
//! over a fresh SQLite database, seeded through the real CLI.

#![allow(dead_code)]

use std::io::Write;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub const BIN: &str = env!("CARGO_BIN_EXE_luoshi");

/// The repository root (two levels above this crate).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().expect("repo root")
}

/// A scratch directory removed on drop.
pub struct Scratch(pub PathBuf);

impl Scratch {
    pub fn new(tag: &str) -> Self {
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
        let dir = std::env::temp_dir().join(format!("luoshi-{tag}-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("scratch dir");
        Scratch(dir)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Run `luoshi --db DB ARGS…`, feeding `stdin`; panics with the output on failure.
pub fn luoshi(db: &str, args: &[&str], stdin: Option<&str>) -> String {
    let mut child = Command::new(BIN)
        .arg("--db")
        .arg(db)
        .args(args)
        .current_dir(repo_root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn luoshi");
    {
        let mut pipe = child.stdin.take().unwrap();
        if let Some(input) = stdin {
            pipe.write_all(input.as_bytes()).unwrap();
        }
    }
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "luoshi {args:?} failed: {}\nstdout: {stdout}\nstderr: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

/// A free loopback port (bound, then released for the server to take).
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// Wait until something accepts connections on `addr`.
pub fn wait_for_port(addr: SocketAddr, child: &mut Child, what: &str) {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(60) {
        if TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_ok() {
            return;
        }
        if let Ok(Some(status)) = child.try_wait() {
            panic!("{what} exited early: {status}");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("{what} did not listen on {addr} within 60 s");
}

/// The day the test server judges statuses at (the demo's mid-year day).
pub const TODAY: &str = "2025-07-15";

/// The users every web test signs in as: (name, role args, password).
pub const ADMIN: (&str, &str) = ("t_admin", "admin-pass-2025");
pub const SUPERVISOR: (&str, &str) = ("t_ducha", "ducha-pass-2025");
pub const LEADER: (&str, &str) = ("t_lingdao", "lingdao-pass-2025");
/// The reporter of the unit that leads task 1 of the sample plan.
pub const REPORTER: (&str, &str) = ("t_fgw", "fgw-pass-2025");
pub const REPORTER_UNIT: &str = "市发展和改革委员会";
/// A reporter of a unit that leads other tasks.
pub const OTHER_REPORTER: (&str, &str) = ("t_kjj", "kjj-pass-2025");
pub const OTHER_UNIT: &str = "市科学技术局";

/// A running `luoshi serve` over a fresh database holding the sample plan
/// and the users above. Killed on drop.
pub struct TestServer {
    pub base: String,
    pub db: String,
    child: Child,
    _scratch: Scratch,
}

impl TestServer {
    pub fn start() -> Self {
        let scratch = Scratch::new("web");
        let db = scratch.0.join("ledger.db").to_string_lossy().into_owned();
        seed(&db);
        let port = free_port();
        let addr: SocketAddr = format!("127.0.0.1:{port}").parse().unwrap();
        let mut child = Command::new(BIN)
            .arg("--db")
            .arg(&db)
            .args(["serve", "--addr", &addr.to_string(), "--today", TODAY])
            .current_dir(repo_root())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("spawn luoshi serve");
        wait_for_port(addr, &mut child, "luoshi serve");
        TestServer { base: format!("http://{addr}"), db, child, _scratch: scratch }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The demo ledger (the sample plan with some progress) and one user of each role.
pub fn seed(db: &str) {
    luoshi(db, &["demo", "--no-serve"], None);
    let users: [(&(&str, &str), &[&str]); 5] = [
        (&ADMIN, &["--role", "admin"]),
        (&SUPERVISOR, &["--role", "supervisor"]),
        (&LEADER, &["--role", "leader"]),
        (&REPORTER, &["--role", "unit", "--unit", REPORTER_UNIT]),
        (&OTHER_REPORTER, &["--role", "unit", "--unit", OTHER_UNIT]),
    ];
    for ((name, password), role) in users {
        let mut args = vec!["user", "add", name];
        args.extend_from_slice(role);
        args.push("--password-stdin");
        luoshi(db, &args, Some(&format!("{password}\n")));
    }
}

/// An HTTP client that hands back every status (no error on 4xx/5xx) and
/// follows no redirect, so tests see exactly what the server answered.
pub fn agent() -> ureq::Agent {
    ureq::Agent::config_builder().http_status_as_error(false).max_redirects(0).build().into()
}

/// Signs in through `POST /api/v1/login`; the bearer token.
pub fn api_token(server: &TestServer, (username, password): (&str, &str)) -> String {
    let mut resp = agent()
        .post(&server.url("/api/v1/login"))
        .send_json(serde_json::json!({ "username": username, "password": password }))
        .unwrap();
    assert_eq!(resp.status().as_u16(), 200, "login {username}");
    let body: serde_json::Value = resp.body_mut().read_json().unwrap();
    body["token"].as_str().unwrap().to_string()
}

/// The CSRF token of the page session behind `token` (the same session): it
/// stands in every form, here read from `/tasks`.
pub fn page_csrf(server: &TestServer, token: &str) -> String {
    let mut page = agent().get(&server.url("/tasks")).header("Cookie", &format!("luoshi_session={token}")).call().unwrap();
    let html = page.body_mut().read_to_string().unwrap();
    let marker = "name=\"csrf\" value=\"";
    let start = html.find(marker).expect("csrf field") + marker.len();
    html[start..].split('"').next().unwrap().to_string()
}
