//! End to end in headless Chromium: a unit reporter signs in and files
//! progress; the 督查室 signs in, accepts it, and the dashboard changes.
//!
//! Runs the real `luoshi serve` over a fresh SQLite database and drives
//! Debian's chromium through chromedriver. With CI=true a missing browser
//! fails the test; elsewhere the test says so and skips.

mod web_common;

use std::net::SocketAddr;
use std::process::{Command, Stdio};
use std::time::Duration;

use fantoccini::{Client, ClientBuilder, Locator};
use web_common::*;

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

fn browser_available() -> bool {
    let present = std::path::Path::new(CHROMIUM).exists() && std::path::Path::new(CHROMEDRIVER).exists();
    if !present {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "CI=true but {CHROMIUM} or {CHROMEDRIVER} is missing (scripts/test installs them)"
        );
        eprintln!("web_e2e: skipped: {CHROMIUM} or {CHROMEDRIVER} not installed");
    }
    present
}

struct Driver(std::process::Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

async fn browser(profile: &std::path::Path) -> (Driver, Client) {
    let port = free_port();
    let mut child = Command::new(CHROMEDRIVER)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn chromedriver");
    let addr: SocketAddr = format!("127.0.0.1:{port}").parse().unwrap();
    wait_for_port(addr, &mut child, "chromedriver");
    let driver = Driver(child);
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        serde_json::json!({
            "binary": CHROMIUM,
            "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1366,768", "--lang=zh-CN",
                format!("--user-data-dir={}", profile.display()),
            ]
        }),
    );
    let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(&format!("http://{addr}"))
        .await
        .expect("connect to chromedriver");
    (driver, client)
}

async fn sign_in(client: &Client, server: &TestServer, (name, password): (&str, &str)) {
    client.goto(&server.url("/login")).await.unwrap();
    client.find(Locator::Id("username")).await.unwrap().send_keys(name).await.unwrap();
    client.find(Locator::Id("password")).await.unwrap().send_keys(password).await.unwrap();
    client.find(Locator::Id("login-submit")).await.unwrap().click().await.unwrap();
    client.wait().at_most(Duration::from_secs(10)).for_element(Locator::Css("header.topbar")).await.expect("signed in");
}

async fn sign_out(client: &Client, server: &TestServer) {
    client.goto(&server.url("/tasks")).await.unwrap();
    client.find(Locator::Css(".who button")).await.unwrap().click().await.unwrap();
    client.wait().at_most(Duration::from_secs(10)).for_element(Locator::Id("login-submit")).await.expect("signed out");
}

/// The count on the dashboard card of a status (`done`, `overdue`…).
async fn card_count(client: &Client, server: &TestServer, status: &str) -> u32 {
    client.goto(&server.url("/")).await.unwrap();
    let text = client
        .find(Locator::Css(&format!("[data-status=\"{status}\"] .count")))
        .await
        .unwrap_or_else(|_| panic!("dashboard card {status}"))
        .text()
        .await
        .unwrap();
    text.trim().parse().unwrap_or_else(|_| panic!("card {status} shows {text:?}"))
}

/// A picture of the current page in the test's scratch folder under target/.
async fn save_screenshot(client: &Client, name: &str) {
    let png = client.screenshot().await.unwrap();
    assert!(png.starts_with(b"\x89PNG"), "a PNG");
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::write(&path, png).unwrap();
    eprintln!("web_e2e: screenshot {}", path.display());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reporter_files_progress_office_accepts_dashboard_changes() {
    if !browser_available() {
        return;
    }
    let server = TestServer::start();
    let profile = Scratch::new("chromium-profile");
    let (_driver, client) = browser(&profile.0).await;

    // The office's dashboard before.
    sign_in(&client, &server, SUPERVISOR).await;
    let done_before = card_count(&client, &server, "done").await;
    let overdue_before = card_count(&client, &server, "overdue").await;
    sign_out(&client, &server).await;

    // The unit reporter sees the unit's tasks only and files task 1 (扩大有效投资).
    sign_in(&client, &server, REPORTER).await;
    assert!(client.current_url().await.unwrap().path().starts_with("/tasks"));
    let ledger = client.find(Locator::Id("ledger")).await.unwrap().text().await.unwrap();
    assert!(ledger.contains("扩大有效投资"), "own task listed: {ledger}");
    assert!(!ledger.contains("促进消费回升"), "another unit's task must not be listed: {ledger}");
    client.goto(&server.url("/tasks/1")).await.unwrap();
    let source = client.find(Locator::Css("#source-text mark")).await.unwrap().text().await.unwrap();
    assert!(source.contains("完成年度投资680亿元以上"), "the source sentence is highlighted: {source}");
    client.find(Locator::Id("report-link")).await.unwrap().click().await.unwrap();
    let form = client.wait().at_most(Duration::from_secs(10)).for_element(Locator::Id("report-form")).await.unwrap();
    // Every target reached: 项目, 投资 (全年 and 6月底), 新谋划项目.
    let inputs = form.find_all(Locator::Css("input[name^=\"target_\"]")).await.unwrap();
    assert!(!inputs.is_empty(), "task 1 has targets");
    for input in inputs {
        input.send_keys("100000").await.unwrap();
    }
    client.find(Locator::Id("narrative")).await.unwrap().send_keys("全年目标已提前完成。").await.unwrap();
    client.find(Locator::Id("report-submit")).await.unwrap().click().await.unwrap();
    let history = client.wait().at_most(Duration::from_secs(10)).for_element(Locator::Id("history")).await.unwrap();
    assert!(history.text().await.unwrap().contains("全年目标已提前完成"));
    save_screenshot(&client, "web-e2e-task.png").await;
    // Another unit's task answers 403.
    client.goto(&server.url("/tasks/2")).await.unwrap();
    assert!(client.source().await.unwrap().contains("403"), "another unit's task is refused");
    sign_out(&client, &server).await;

    // The demo office counts accepted reports only: nothing changed yet.
    sign_in(&client, &server, SUPERVISOR).await;
    assert_eq!(card_count(&client, &server, "done").await, done_before, "a report counts once accepted");
    // The office accepts every waiting report of task 1.
    client.goto(&server.url("/review")).await.unwrap();
    save_screenshot(&client, "web-e2e-review.png").await;
    let mut accepted = 0;
    loop {
        client.goto(&server.url("/review")).await.unwrap();
        let rows = client.find_all(Locator::Css("#review-queue tr[data-report]")).await.unwrap();
        let mut clicked = false;
        for row in rows {
            if row.text().await.unwrap().contains("全年目标已提前完成") {
                row.find(Locator::Css("button.accept")).await.unwrap().click().await.unwrap();
                client.wait().at_most(Duration::from_secs(10)).for_element(Locator::Css(".flash-ok")).await.expect("accepted");
                accepted += 1;
                clicked = true;
                break;
            }
        }
        if !clicked {
            break;
        }
    }
    assert!(accepted >= 1, "the filed reports were in the review queue");

    let done_after = card_count(&client, &server, "done").await;
    let overdue_after = card_count(&client, &server, "overdue").await;
    assert_eq!(done_after, done_before + 1, "task 1 is now 已完成");
    assert_eq!(overdue_after + 1, overdue_before, "task 1 is no longer 逾期未完成");

    // Keep a picture of the dashboard for people to look at.
    save_screenshot(&client, "web-e2e-dashboard.png").await;

    // The 催办单 of a unit that has not reported prints on its own.
    client.goto(&server.url("/reminders")).await.unwrap();
    let notice_link = client.find(Locator::Css("#unreported a.btn-plain")).await.expect("a unit to remind");
    let href = notice_link.attr("href").await.unwrap().expect("href");
    client.goto(&server.url(&href)).await.unwrap();
    let notice = client.find(Locator::Id("notice")).await.unwrap().text().await.unwrap();
    assert!(notice.contains("督办催办单") && notice.contains("请于"), "{notice}");
    save_screenshot(&client, "web-e2e-notice.png").await;

    // Import: upload a plan, correct a title in the preview, save.
    let plan = profile.0.join("plan-2026.txt");
    std::fs::write(
        &plan,
        "清河市2026年重点工作任务\n一、稳增长\n1.扩大投资。完成投资100亿元以上。（牵头单位：市发展和改革委员会）\n\
         2.促进消费。社会消费品零售总额增长6%左右。（责任单位：市商务局）\n",
    )
    .unwrap();
    client.goto(&server.url("/import")).await.unwrap();
    client.find(Locator::Id("file")).await.unwrap().send_keys(&plan.display().to_string()).await.unwrap();
    client.find(Locator::Css("#import-form button")).await.unwrap().click().await.unwrap();
    let preview = client.wait().at_most(Duration::from_secs(20)).for_element(Locator::Id("preview")).await.expect("preview");
    assert!(preview.text().await.unwrap().contains("市商务局"), "units extracted");
    let title = client.find(Locator::Css("input[name=\"title_0\"]")).await.unwrap();
    title.clear().await.unwrap();
    title.send_keys("扩大有效投资（浏览器校对）").await.unwrap();
    save_screenshot(&client, "web-e2e-import.png").await;
    client.find(Locator::Id("import-confirm")).await.unwrap().click().await.unwrap();
    let ledger = client.wait().at_most(Duration::from_secs(20)).for_element(Locator::Id("ledger")).await.expect("ledger of the new document");
    assert!(ledger.text().await.unwrap().contains("扩大有效投资（浏览器校对）"), "the corrected title was saved");
    client.close().await.unwrap();
}
