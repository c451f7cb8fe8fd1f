//! 重点项目 on the real server: the pages, downloads and `/api/v1/projects`
//! for a supervisor, a leader and two unit reporters, with the rights of a
//! project's 包联单位 (a reporter sees and reports on their unit's projects only).

mod web_common;

use rust_xlsxwriter::Workbook;
use serde_json::{Value, json};
use web_common::*;

struct Client<'a> {
    server: &'a TestServer,
    token: String,
    csrf: String,
}

fn sign_in<'a>(server: &'a TestServer, credentials: (&str, &str)) -> Client<'a> {
    let token = api_token(server, credentials);
    let csrf = page_csrf(server, &token);
    Client { server, token, csrf }
}

impl Client<'_> {
    fn get(&self, path: &str) -> (u16, Vec<u8>) {
        let mut resp = agent()
            .get(&self.server.url(path))
            .header("Authorization", &format!("Bearer {}", self.token))
            .header("Cookie", &format!("luoshi_session={}", self.token))
            .call()
            .unwrap();
        (resp.status().as_u16(), resp.body_mut().read_to_vec().unwrap_or_default())
    }

    fn get_text(&self, path: &str) -> (u16, String) {
        let (status, body) = self.get(path);
        (status, String::from_utf8(body).unwrap())
    }

    fn json(&self, path: &str) -> Value {
        let (status, body) = self.get_text(path);
        assert_eq!(status, 200, "GET {path}: {body}");
        serde_json::from_str(&body).unwrap()
    }

    fn post_json(&self, path: &str, body: Value) -> (u16, String) {
        let mut resp = agent()
            .post(&self.server.url(path))
            .header("Authorization", &format!("Bearer {}", self.token))
            .send_json(body)
            .unwrap();
        (resp.status().as_u16(), resp.body_mut().read_to_string().unwrap_or_default())
    }

    fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> (u16, String) {
        let mut all = fields.to_vec();
        all.push(("csrf", &self.csrf));
        let resp = agent()
            .post(&self.server.url(path))
            .header("Cookie", &format!("luoshi_session={}", self.token))
            .send_form(all)
            .unwrap();
        let location = resp.headers().get("location").map(|l| l.to_str().unwrap().to_string()).unwrap_or_default();
        (resp.status().as_u16(), location)
    }
}

/// Three projects: two of the reporter's unit (written by its short name), one of another unit.
fn sheet(path: &std::path::Path) {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.write_row(0, 0, ["项目名称", "县区", "项目类别", "包联单位", "年度计划投资（万元）", "1-5月完成投资", "开工时间"]).unwrap();
    let rows = [
        ("甲县光伏组件项目", "甲县", "省重点", "市发展改革委", 10_000.0, 4_000.0, "2025-03-01"),
        ("甲县冷链物流园", "甲县", "市重点", "市发展改革委", 5_000.0, 500.0, ""),
        ("乙区科创中心", "乙区", "市重点", OTHER_UNIT, 8_000.0, 2_000.0, "2025-02-10"),
    ];
    for (i, (name, county, kind, unit, plan, done, started)) in rows.iter().enumerate() {
        let r = i as u32 + 1;
        sheet.write_row(r, 0, [*name, *county, *kind, *unit]).unwrap();
        sheet.write_row(r, 4, [*plan, *done]).unwrap();
        sheet.write(r, 6, *started).unwrap();
    }
    workbook.save(path).unwrap();
}

#[test]
fn project_pages_api_and_downloads_follow_the_rights() {
    let server = TestServer::start();
    let file = std::path::Path::new(&server.db).with_file_name("projects.xlsx");
    sheet(&file);
    let out = luoshi(&server.db, &["projects", "import", file.to_str().unwrap(), "--year", "2025", "--format", "json"], None);
    assert!(out.contains("\"created\": 3"), "{out}");

    let supervisor = sign_in(&server, SUPERVISOR);
    let reporter = sign_in(&server, REPORTER);
    let other = sign_in(&server, OTHER_REPORTER);
    let leader = sign_in(&server, LEADER);

    let all = supervisor.json("/api/v1/projects?as_of=2025-06-30");
    assert_eq!(all.as_array().unwrap().len(), 3);
    let id_of = |name: &str| all.as_array().unwrap().iter().find(|p| p["name"] == name).unwrap()["id"].as_i64().unwrap();
    let (solar, cold, science) = (id_of("甲县光伏组件项目"), id_of("甲县冷链物流园"), id_of("乙区科创中心"));
    let mine = reporter.json("/api/v1/projects?as_of=2025-06-30");
    let names: Vec<&str> = mine.as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["甲县光伏组件项目", "甲县冷链物流园"], "a reporter sees the projects of their unit");
    assert_eq!(supervisor.json("/api/v1/projects?county=乙区&as_of=2025-06-30").as_array().unwrap().len(), 1);

    let stats = supervisor.json("/api/v1/projects/stats?as_of=2025-06-30&by=county");
    assert_eq!((stats["projects"].as_u64(), stats["started"].as_u64()), (Some(3), Some(2)));
    assert_eq!(stats["completed_investment"].as_f64(), Some(6_500.0));
    assert_eq!(stats["investment_completion"].as_f64(), Some(6_500.0 / 23_000.0));
    assert_eq!(stats["groups"].as_array().unwrap().len(), 2);
    assert_eq!(reporter.get("/api/v1/projects/stats?as_of=2025-06-30").0, 403);
    assert_eq!(supervisor.get("/api/v1/projects/stats?as_of=2025-13-01").0, 400);

    // A reporter files for their unit's project, not for another unit's.
    let (status, body) = reporter.post_json(
        &format!("/api/v1/projects/{cold}/reports"),
        json!({ "as_of": "2025-06-30", "completed_investment": 1500.0, "stage": "开工", "in_statistics": true, "progress": "基础施工" }),
    );
    assert_eq!(status, 201, "{body}");
    let report: i64 = serde_json::from_str::<Value>(&body).unwrap()["id"].as_i64().unwrap();
    let (status, _) = reporter.post_json(&format!("/api/v1/projects/{science}/reports"), json!({ "as_of": "2025-06-30", "completed_investment": 1.0 }));
    assert_eq!(status, 403);
    let (status, _) = other.post_json(&format!("/api/v1/projects/{science}/reports"), json!({ "as_of": "2025-06-30", "completed_investment": -5.0 }));
    assert_eq!(status, 400, "a negative investment is refused");
    assert_eq!(other.get(&format!("/api/v1/projects/{cold}")).0, 403);
    // The demo office counts accepted reports only: not yet.
    let pending = supervisor.json("/api/v1/projects/stats?as_of=2025-06-30");
    assert_eq!((pending["started"].as_u64(), pending["completed_investment"].as_f64()), (Some(2), Some(6_500.0)));
    assert_eq!(supervisor.post_json(&format!("/api/v1/projects/reports/{report}/accept"), json!({})).0, 204);
    let after = supervisor.json("/api/v1/projects/stats?as_of=2025-06-30");
    assert_eq!((after["started"].as_u64(), after["completed_investment"].as_f64()), (Some(3), Some(7_500.0)));

    // Review: a reporter may not; the 督查室 returns it and it stops counting.
    assert_eq!(reporter.post_json(&format!("/api/v1/projects/reports/{report}/return"), json!({ "reason": "x" })).0, 403);
    // Returned after all: it stops counting, figure and stage.
    let (status, body) = supervisor.post_json(&format!("/api/v1/projects/reports/{report}/return"), json!({ "reason": "与统计数据不符" }));
    assert_eq!(status, 204, "{body}");
    let returned = supervisor.json("/api/v1/projects/stats?as_of=2025-06-30");
    assert_eq!((returned["started"].as_u64(), returned["completed_investment"].as_f64()), (Some(2), Some(6_500.0)));
    let detail = supervisor.json(&format!("/api/v1/projects/{cold}?as_of=2025-06-30"));
    assert_eq!(detail["reports"].as_array().unwrap().len(), 2);

    // Pages.
    let (status, list) = reporter.get_text("/projects?as_of=2025-06-30");
    assert_eq!(status, 200);
    assert!(list.contains("甲县光伏组件项目") && !list.contains("乙区科创中心"), "{list}");
    let (status, page) = supervisor.get_text(&format!("/projects/{solar}?as_of=2025-06-30"));
    assert_eq!(status, 200);
    assert!(page.contains("id=\"timeline\"") && page.contains("2025-03-01") && page.contains("<svg"), "{page}");
    assert_eq!(other.get(&format!("/projects/{solar}")).0, 403);
    let (status, location) = reporter.post_form(
        &format!("/projects/{solar}/report"),
        &[("as_of", "2025-06-30"), ("completed_investment", "5200"), ("stage", "投产"), ("progress", "设备安装")],
    );
    assert_eq!((status, location.contains("ok=")), (303, true), "{location}");
    let (_, location) = reporter.post_form(&format!("/projects/{solar}/report"), &[("as_of", "6月底"), ("completed_investment", "1")]);
    assert!(location.contains("error="), "{location}");
    let (_, page) = supervisor.get_text(&format!("/projects/{solar}?as_of=2025-06-30"));
    let marker = "action=\"/projects/reports/";
    let pending_id: String = page[page.find(marker).expect("an accept form") + marker.len()..].chars().take_while(char::is_ascii_digit).collect();
    let (status, location) = supervisor.post_form(&format!("/projects/reports/{pending_id}/accept"), &[]);
    assert_eq!((status, location.contains("ok=")), (303, true), "{location}");
    let producing = supervisor.json("/api/v1/projects/stats?as_of=2025-06-30");
    assert_eq!((producing["producing"].as_u64(), producing["completed_investment"].as_f64()), (Some(1), Some(7_700.0)));

    let (status, dashboard) = leader.get_text("/projects/pipeline?as_of=2025-06-30");
    assert_eq!(status, 200);
    assert!(dashboard.contains("阶段漏斗") && dashboard.contains("序时进度") && dashboard.contains("甲县"), "{dashboard}");
    assert_eq!(reporter.get("/projects/pipeline").0, 403);
    let (status, xlsx) = supervisor.get("/projects/dispatch.xlsx?as_of=2025-06-30");
    assert_eq!((status, &xlsx[..2]), (200, &b"PK"[..]));
    let (status, docx) = supervisor.get("/projects/summary.docx?as_of=2025-06-30");
    assert_eq!((status, &docx[..2]), (200, &b"PK"[..]));
    let (status, md) = supervisor.get_text("/projects/summary.md?as_of=2025-06-30");
    assert_eq!(status, 200);
    assert!(md.contains("签约项目落地率") && md.contains("重点项目3个"), "{md}");

    let doc = supervisor.json("/api/v1/projects/openapi.json");
    let paths: Vec<&String> = doc["paths"].as_object().unwrap().keys().collect();
    for path in ["/api/v1/projects", "/api/v1/projects/stats", "/api/v1/projects/{id}", "/api/v1/projects/{id}/reports"] {
        assert!(paths.iter().any(|p| *p == path), "{path} in {paths:?}");
    }
}
