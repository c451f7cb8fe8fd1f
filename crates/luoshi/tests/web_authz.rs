//! Every route, called as every role and as nobody, against the real
//! server: the answer must be exactly the one the rights table allows.
//! Also: `/api/v1/openapi.json` lists every API route called here.

mod web_common;

use std::collections::BTreeSet;

use web_common::*;

/// Who calls: nobody, or one of the test users.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Who {
    Nobody,
    Admin,
    Supervisor,
    Leader,
    /// The reporter of 市发展和改革委员会 (lead unit of task 1).
    Reporter,
    /// The reporter of 市科学技术局 (not on task 1).
    Other,
}

const EVERYONE: [Who; 6] = [Who::Nobody, Who::Admin, Who::Supervisor, Who::Leader, Who::Reporter, Who::Other];

struct Session {
    token: String,
    csrf: String,
}

fn credentials(who: Who) -> (&'static str, &'static str) {
    match who {
        Who::Admin => ADMIN,
        Who::Supervisor => SUPERVISOR,
        Who::Leader => LEADER,
        Who::Reporter => REPORTER,
        Who::Other => OTHER_REPORTER,
        Who::Nobody => unreachable!(),
    }
}

fn sign_in(server: &TestServer, who: Who) -> Session {
    let token = api_token(server, credentials(who));
    let csrf = page_csrf(server, &token);
    Session { token, csrf }
}

struct World {
    server: TestServer,
    sessions: Vec<(Who, Session)>,
    task1_target: i64,
}

impl World {
    fn session(&self, who: Who) -> Option<&Session> {
        self.sessions.iter().find(|(w, _)| *w == who).map(|(_, s)| s)
    }

    fn api(&self, who: Who, method: &str, path: &str, body: Option<serde_json::Value>) -> (u16, String) {
        let url = self.server.url(path);
        let auth = self.session(who).map(|s| format!("Bearer {}", s.token));
        let mut resp = match method {
            "GET" => {
                let mut req = agent().get(&url);
                if let Some(a) = &auth {
                    req = req.header("Authorization", a);
                }
                req.call().unwrap()
            }
            _ => {
                let mut req = agent().post(&url);
                if let Some(a) = &auth {
                    req = req.header("Authorization", a);
                }
                match body {
                    Some(json) => req.send_json(json).unwrap(),
                    None => req.send_empty().unwrap(),
                }
            }
        };
        (resp.status().as_u16(), resp.body_mut().read_to_string().unwrap_or_default())
    }

    fn page(&self, who: Who, method: &str, path: &str, form: &[(&str, &str)], with_csrf: bool) -> u16 {
        let url = self.server.url(path);
        let cookie = self.session(who).map(|s| format!("luoshi_session={}", s.token));
        let resp = if method == "GET" {
            let mut req = agent().get(&url);
            if let Some(c) = &cookie {
                req = req.header("Cookie", c);
            }
            req.call().unwrap()
        } else {
            let mut req = agent().post(&url);
            if let Some(c) = &cookie {
                req = req.header("Cookie", c);
            }
            let csrf = self.session(who).map(|s| s.csrf.clone()).unwrap_or_default();
            let mut fields: Vec<(&str, &str)> = form.to_vec();
            if with_csrf {
                fields.push(("csrf", &csrf));
            }
            req.send_form(fields).unwrap()
        };
        resp.status().as_u16()
    }
}

fn world() -> World {
    let server = TestServer::start();
    let mut sessions = Vec::new();
    for who in EVERYONE.into_iter().filter(|w| *w != Who::Nobody) {
        sessions.push((who, sign_in(&server, who)));
    }
    let mut world = World { server, sessions, task1_target: 0 };
    let (status, body) = world.api(Who::Admin, "GET", "/api/v1/tasks/1", None);
    assert_eq!(status, 200);
    let task: serde_json::Value = serde_json::from_str(&body).unwrap();
    world.task1_target = task["targets"][0]["id"].as_i64().unwrap();
    world
}

/// Expected statuses in the order of `EVERYONE`.
type Row = (&'static str, String, [u16; 6]);
/// A form route, its fields, and the expected statuses with a valid CSRF token.
type FormRow<'a> = (String, Vec<(&'a str, &'a str)>, [u16; 6]);

fn check(label: &str, who: Who, got: u16, want: u16, failures: &mut Vec<String>) {
    if got != want {
        failures.push(format!("{label} as {who:?}: got {got}, want {want}"));
    }
}

/// A fresh report awaiting review (filed by the reporter), for accept/return calls.
fn fresh_report(world: &World) -> i64 {
    let (status, body) = world.api(
        Who::Reporter,
        "POST",
        &format!("/api/v1/targets/{}/progress", world.task1_target),
        Some(serde_json::json!({ "as_of": "2025-07-01", "value": 300, "note": "authz" })),
    );
    assert_eq!(status, 201, "{body}");
    serde_json::from_str::<serde_json::Value>(&body).unwrap()["id"].as_i64().unwrap()
}

#[test]
fn every_route_answers_every_role_as_the_rights_table_says() {
    let world = world();
    let mut failures = Vec::new();
    let target = world.task1_target;

    //                                        nobody admin sup leader own other
    let api_gets: Vec<Row> = vec![
        ("GET", "/api/v1/me".into(), [401, 200, 200, 200, 200, 200]),
        ("GET", "/api/v1/dashboard".into(), [401, 200, 200, 200, 403, 403]),
        ("GET", "/api/v1/tasks".into(), [401, 200, 200, 200, 200, 200]),
        ("GET", "/api/v1/tasks/1".into(), [401, 200, 200, 200, 200, 403]),
        ("GET", "/api/v1/tasks/2".into(), [401, 200, 200, 200, 403, 403]),
        ("GET", "/api/v1/tasks/99999".into(), [401, 404, 404, 404, 403, 403]),
        ("GET", "/api/v1/reviews".into(), [401, 200, 200, 403, 403, 403]),
        ("GET", "/api/v1/reminders".into(), [401, 200, 200, 403, 403, 403]),
        ("GET", "/api/v1/units".into(), [401, 200, 403, 403, 403, 403]),
        ("GET", "/api/v1/users".into(), [401, 200, 403, 403, 403, 403]),
        ("GET", "/api/v1/openapi.json".into(), [200, 200, 200, 200, 200, 200]),
        // 督查通报 and workbooks: the office and leaders read; a unit gets its own progress sheet only.
        ("GET", "/api/v1/documents/1/report?format=md".into(), [401, 200, 200, 200, 403, 403]),
        ("GET", "/api/v1/documents/1/report?format=docx".into(), [401, 200, 200, 200, 403, 403]),
        ("GET", "/api/v1/documents/999/report".into(), [401, 404, 404, 404, 403, 403]),
        ("GET", "/api/v1/export/ledger?document=1".into(), [401, 200, 200, 200, 403, 403]),
        ("GET", "/api/v1/export/status?document=1".into(), [401, 200, 200, 200, 403, 403]),
        ("GET", "/api/v1/export/progress?document=1".into(), [401, 200, 200, 403, 200, 200]),
    ];
    for (method, path, want) in &api_gets {
        for (who, want) in EVERYONE.iter().zip(want) {
            let (got, _) = world.api(*who, method, path, None);
            check(&format!("{method} {path}"), *who, got, *want, &mut failures);
        }
    }

    // Writes through the API.
    let progress = serde_json::json!({ "as_of": "2025-07-01", "value": 400, "note": "authz" });
    let task_progress = serde_json::json!({ "as_of": "2025-07-01", "values": [{ "target_id": target, "value": 400 }], "narrative": "authz" });
    let api_posts: Vec<(String, serde_json::Value, [u16; 6])> = vec![
        (format!("/api/v1/targets/{target}/progress"), progress.clone(), [401, 201, 403, 403, 201, 403]),
        ("/api/v1/targets/999999/progress".into(), progress, [401, 404, 404, 404, 403, 403]),
        ("/api/v1/tasks/1/progress".into(), task_progress, [401, 201, 403, 403, 201, 403]),
        ("/api/v1/reminders".into(), serde_json::json!({ "unit_id": 1 }), [401, 201, 201, 403, 403, 403]),
        ("/api/v1/import".into(), serde_json::json!({ "pending": "expired" }), [401, 400, 400, 403, 403, 403]),
        ("/api/v1/units/1/aliases".into(), serde_json::json!({ "alias": "清河市发改委" }), [401, 204, 403, 403, 403, 403]),
    ];
    for (path, body, want) in &api_posts {
        for (who, want) in EVERYONE.iter().zip(want) {
            let (got, text) = world.api(*who, "POST", path, Some(body.clone()));
            check(&format!("POST {path} ({text})"), *who, got, *want, &mut failures);
        }
    }
    for (who, want) in EVERYONE.iter().zip([401, 201, 403, 403, 403, 403]) {
        let body = serde_json::json!({ "username": format!("new_{who:?}").to_lowercase(), "role": "leader", "password": "long-enough-1" });
        let (got, text) = world.api(*who, "POST", "/api/v1/users", Some(body));
        check(&format!("POST /api/v1/users ({text})"), *who, got, want, &mut failures);
    }
    for (action, body) in [("accept", None), ("return", Some(serde_json::json!({ "reason": "数据有误" })))] {
        for (who, want) in EVERYONE.iter().zip([401, 204, 204, 403, 403, 403]) {
            let id = fresh_report(&world);
            let (got, text) = world.api(*who, "POST", &format!("/api/v1/reports/{id}/{action}"), body.clone());
            check(&format!("POST /api/v1/reports/{{id}}/{action} ({text})"), *who, got, want, &mut failures);
        }
    }
    // Upload: a small plain-text plan as multipart.
    for (who, want) in EVERYONE.iter().zip([401, 200, 200, 403, 403, 403]) {
        let boundary = "luoshiboundary";
        let body = format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"plan.txt\"\r\nContent-Type: text/plain\r\n\r\n\
             一、稳增长\r\n1.扩大投资。完成投资100亿元以上。（责任单位：市发展和改革委员会）\r\n--{boundary}--\r\n"
        );
        let mut req = agent()
            .post(&world.server.url("/api/v1/import/preview"))
            .header("Content-Type", &format!("multipart/form-data; boundary={boundary}"));
        if let Some(s) = world.session(*who) {
            req = req.header("Authorization", &format!("Bearer {}", s.token));
        }
        let got = req.send(body.as_bytes()).unwrap().status().as_u16();
        check("POST /api/v1/import/preview", *who, got, want, &mut failures);
    }

    // Progress upload with an empty body: refused before anything is read
    // for those who may not file, "choose a file" (400) for those who may.
    for (who, want) in EVERYONE.iter().zip([401, 400, 400, 403, 400, 400]) {
        let (got, text) = world.api(*who, "POST", "/api/v1/import/progress", None);
        check(&format!("POST /api/v1/import/progress ({text})"), *who, got, want, &mut failures);
    }
    for (who, want) in EVERYONE.iter().zip([401, 400, 400, 403, 403, 403]) {
        let (got, text) = world.api(*who, "POST", "/api/v1/import/ledger", None);
        check(&format!("POST /api/v1/import/ledger ({text})"), *who, got, want, &mut failures);
    }
    // The pages' upload forms (multipart): CSRF first, then the same rights.
    let uploads = [("/reports/progress", [303, 400, 400, 403, 400, 400]), ("/reports/ledger", [303, 400, 400, 403, 403, 403])];
    for ((path, allowed), with_csrf) in uploads.iter().flat_map(|u| [(u, false), (u, true)]) {
        let want = if with_csrf { *allowed } else { [303, 403, 403, 403, 403, 403] };
        for (who, want) in EVERYONE.iter().zip(want) {
            let boundary = "luoshiboundary";
            let csrf = world.session(*who).map(|s| s.csrf.clone()).filter(|_| with_csrf).unwrap_or_default();
            let body = format!("--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n--{boundary}--\r\n");
            let mut req = agent()
                .post(&world.server.url(path))
                .header("Content-Type", &format!("multipart/form-data; boundary={boundary}"));
            if let Some(s) = world.session(*who) {
                req = req.header("Cookie", &format!("luoshi_session={}", s.token));
            }
            let got = req.send(body.as_bytes()).unwrap().status().as_u16();
            check(&format!("POST {path} (csrf: {with_csrf})"), *who, got, want, &mut failures);
        }
    }

    // Pages. Not signed in: a redirect (303) to the sign-in page.
    let pages: Vec<Row> = vec![
        ("GET", "/".into(), [303, 200, 200, 200, 303, 303]),
        ("GET", "/tasks".into(), [303, 200, 200, 200, 200, 200]),
        ("GET", "/tasks/1".into(), [303, 200, 200, 200, 200, 403]),
        ("GET", "/tasks/2".into(), [303, 200, 200, 200, 403, 403]),
        ("GET", "/tasks/1/report".into(), [303, 200, 403, 403, 200, 403]),
        ("GET", "/review".into(), [303, 200, 200, 403, 403, 403]),
        ("GET", "/reminders".into(), [303, 200, 200, 403, 403, 403]),
        ("GET", "/reminders/notice?unit=1".into(), [303, 200, 200, 403, 403, 403]),
        ("GET", "/import".into(), [303, 200, 200, 403, 403, 403]),
        ("GET", "/units".into(), [303, 200, 403, 403, 403, 403]),
        ("GET", "/users".into(), [303, 200, 403, 403, 403, 403]),
        ("GET", "/reports".into(), [303, 200, 200, 200, 200, 200]),
        ("GET", "/reports/document?document=1&format=html".into(), [303, 200, 200, 200, 403, 403]),
        ("GET", "/reports/document?document=1&as_of=2025-06-30&format=docx".into(), [303, 200, 200, 200, 403, 403]),
        ("GET", "/reports/export/ledger?document=1".into(), [303, 200, 200, 200, 403, 403]),
        ("GET", "/reports/export/status?document=1".into(), [303, 200, 200, 200, 403, 403]),
        ("GET", "/reports/export/progress?document=1".into(), [303, 200, 200, 403, 200, 200]),
        ("GET", "/static/luoshi.css".into(), [200, 200, 200, 200, 200, 200]),
        ("GET", "/static/luoshi.js".into(), [200, 200, 200, 200, 200, 200]),
        ("GET", "/login".into(), [200, 303, 303, 303, 303, 303]),
    ];
    for (method, path, want) in &pages {
        for (who, want) in EVERYONE.iter().zip(want) {
            let got = world.page(*who, method, path, &[], false);
            check(&format!("{method} {path}"), *who, got, *want, &mut failures);
        }
    }
    // Every form POST: without the CSRF token refused (403) for everyone signed in…
    let target_field = format!("target_{target}");
    let forms: Vec<FormRow<'_>> = vec![
        ("/tasks/1/report".into(), vec![("as_of", "2025-07-01"), (target_field.as_str(), "420"), ("narrative", "页面填报")], [303, 303, 403, 403, 303, 403]),
        ("/review/1/accept".into(), vec![], [303, 400, 400, 403, 403, 403]),
        ("/review/1/return".into(), vec![("reason", "请核实")], [303, 400, 400, 403, 403, 403]),
        ("/reminders".into(), vec![("unit", "1")], [303, 303, 303, 403, 403, 403]),
        ("/import/save".into(), vec![("pending", "expired")], [303, 400, 400, 403, 403, 403]),
        ("/units/alias".into(), vec![("unit", "1"), ("alias", "发改委")], [303, 303, 403, 403, 403, 403]),
        ("/users".into(), vec![("username", "formuser"), ("role", "leader"), ("password", "long-enough-2")], [303, 303, 403, 403, 403, 403]),
    ];
    for (path, form, want) in &forms {
        for (who, want) in EVERYONE.iter().zip(want) {
            let without = world.page(*who, "POST", path, form, false);
            let expected_without = if *who == Who::Nobody { 303 } else { 403 };
            check(&format!("POST {path} without CSRF"), *who, without, expected_without, &mut failures);
            // …and with it, answered as the rights table says (report 1 is
            // already reviewed by the demo: 400 for those allowed to review).
            let with = world.page(*who, "POST", path, form, true);
            check(&format!("POST {path} with CSRF"), *who, with, *want, &mut failures);
        }
    }
    // Sign-out last: it ends the sessions.
    for (who, want) in EVERYONE.iter().zip([401, 204, 204, 204, 204, 204]) {
        let (got, _) = world.api(*who, "POST", "/api/v1/logout", None);
        check("POST /api/v1/logout", *who, got, want, &mut failures);
        if *who != Who::Nobody {
            let (after, _) = world.api(*who, "GET", "/api/v1/me", None);
            check("GET /api/v1/me after logout", *who, after, 401, &mut failures);
        }
    }
    assert!(failures.is_empty(), "{} wrong answers:\n{}", failures.len(), failures.join("\n"));

    // The OpenAPI document lists every API route called above.
    let (_, doc) = world.api(Who::Nobody, "GET", "/api/v1/openapi.json", None);
    let doc: serde_json::Value = serde_json::from_str(&doc).unwrap();
    let listed: BTreeSet<String> = doc["paths"].as_object().unwrap().keys().cloned().collect();
    let called = [
        "/api/v1/login", "/api/v1/logout", "/api/v1/me", "/api/v1/dashboard", "/api/v1/tasks", "/api/v1/tasks/{id}",
        "/api/v1/tasks/{id}/progress", "/api/v1/targets/{id}/progress", "/api/v1/reviews", "/api/v1/reports/{id}/accept",
        "/api/v1/reports/{id}/return", "/api/v1/reminders", "/api/v1/import/preview", "/api/v1/import", "/api/v1/units",
        "/api/v1/units/{id}/aliases", "/api/v1/users", "/api/v1/openapi.json", "/api/v1/documents/{id}/report",
        "/api/v1/export/ledger", "/api/v1/export/status", "/api/v1/export/progress", "/api/v1/import/progress",
        "/api/v1/import/ledger",
    ];
    let called: BTreeSet<String> = called.iter().map(|s| s.to_string()).collect();
    let missing: Vec<&String> = called.difference(&listed).collect();
    assert!(missing.is_empty(), "openapi.json lacks {missing:?}");
    assert!(listed.contains("/api/v1/projects"), "the 重点项目 routes are listed too: {listed:?}");
    assert!(listed.iter().all(|p| p.starts_with("/api/v1/")), "{listed:?}");
}

#[test]
fn sign_in_is_rate_limited_per_user_and_address() {
    let server = TestServer::start();
    let wrong = serde_json::json!({ "username": SUPERVISOR.0, "password": "wrong-password" });
    let statuses: Vec<u16> = (0..6)
        .map(|_| agent().post(&server.url("/api/v1/login")).send_json(wrong.clone()).unwrap().status().as_u16())
        .collect();
    assert_eq!(statuses, vec![401, 401, 401, 401, 401, 429]);
    // Even the right password is refused while locked out.
    let right = serde_json::json!({ "username": SUPERVISOR.0, "password": SUPERVISOR.1 });
    assert_eq!(agent().post(&server.url("/api/v1/login")).send_json(right).unwrap().status().as_u16(), 429);
    // Another user from the same address is not affected.
    let other = serde_json::json!({ "username": ADMIN.0, "password": ADMIN.1 });
    assert_eq!(agent().post(&server.url("/api/v1/login")).send_json(other).unwrap().status().as_u16(), 200);
}

#[test]
fn an_uploaded_plan_is_previewed_corrected_and_saved() {
    let world = world();
    let boundary = "luoshiboundary";
    let plan = "清河市2026年重点工作任务\r\n一、稳增长\r\n1.扩大投资。完成投资100亿元以上。（牵头单位：市发展和改革委员会）\r\n\
                2.促进消费。社会消费品零售总额增长6%左右。（责任单位：市商务局）\r\n";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"year\"\r\n\r\n2026\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"plan-2026.txt\"\r\nContent-Type: text/plain\r\n\r\n{plan}\r\n--{boundary}--\r\n"
    );
    let token = &world.session(Who::Supervisor).unwrap().token;
    let mut resp = agent()
        .post(&world.server.url("/api/v1/import/preview"))
        .header("Content-Type", &format!("multipart/form-data; boundary={boundary}"))
        .header("Authorization", &format!("Bearer {token}"))
        .send(body.as_bytes())
        .unwrap();
    assert_eq!(resp.status().as_u16(), 200);
    let preview: serde_json::Value = resp.body_mut().read_json().unwrap();
    let tasks = preview["extraction"]["tasks"].as_array().expect("tasks");
    assert!(tasks.len() >= 2, "both tasks extracted: {preview}");
    let pending = preview["pending"].as_str().unwrap();
    // Drop the second task, rename the first.
    let save = serde_json::json!({
        "pending": pending,
        "corrections": [ { "index": 0, "title": "扩大有效投资（已校对）" }, { "index": 1, "keep": false } ]
    });
    let (status, body) = world.api(Who::Supervisor, "POST", "/api/v1/import", Some(save));
    assert_eq!(status, 201, "{body}");
    let document_id = serde_json::from_str::<serde_json::Value>(&body).unwrap()["document_id"].as_i64().unwrap();
    let (status, body) = world.api(Who::Supervisor, "GET", &format!("/api/v1/tasks?doc={document_id}"), None);
    assert_eq!(status, 200);
    let list: serde_json::Value = serde_json::from_str(&body).unwrap();
    let titles: Vec<&str> = list["tasks"].as_array().unwrap().iter().map(|t| t["title"].as_str().unwrap()).collect();
    assert_eq!(titles.len(), tasks.len() - 1, "{titles:?}");
    assert!(titles.contains(&"扩大有效投资（已校对）"), "{titles:?}");
    // The pending preview is used up.
    let again = serde_json::json!({ "pending": pending });
    assert_eq!(world.api(Who::Supervisor, "POST", "/api/v1/import", Some(again)).0, 400);
}
