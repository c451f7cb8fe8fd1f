//! 督查通报 and Excel sheets through the real server: downloads through
//! `/api/v1` with a bearer token, read back with independent readers
//! (calamine for .xlsx, zip for the .docx's word/document.xml), and the
//! progress sheet's round trip as a unit reporter would do it.

mod common;
mod web_common;

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use common::{column, docx_text, text};
use web_common::*;

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/// A GET with the token: status, content type, content disposition, body.
struct Got {
    status: u16,
    content_type: String,
    disposition: String,
    body: Vec<u8>,
}

fn get(server: &TestServer, token: &str, path: &str) -> Got {
    let mut resp = agent().get(&server.url(path)).header("Authorization", &format!("Bearer {token}")).call().unwrap();
    let header = |name: &str| resp.headers().get(name).and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
    let (content_type, disposition) = (header("content-type"), header("content-disposition"));
    let status = resp.status().as_u16();
    let body = resp.body_mut().with_config().limit(50 * 1024 * 1024).read_to_vec().unwrap();
    Got { status, content_type, disposition, body }
}

fn upload(server: &TestServer, token: &str, bytes: &[u8], multipart: bool) -> (u16, serde_json::Value) {
    let req = agent().post(&server.url("/api/v1/import/progress")).header("Authorization", &format!("Bearer {token}"));
    let mut resp = if multipart {
        let boundary = "luoshiprogressboundary";
        let mut body = format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"进展.xlsx\"\r\nContent-Type: {XLSX}\r\n\r\n"
        )
        .into_bytes();
        body.extend_from_slice(bytes);
        body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        req.header("Content-Type", &format!("multipart/form-data; boundary={boundary}")).send(&body[..]).unwrap()
    } else {
        req.header("Content-Type", XLSX).send(bytes).unwrap()
    };
    let status = resp.status().as_u16();
    (status, resp.body_mut().read_json().unwrap())
}

fn rows_of(bytes: &[u8], sheet: &str) -> Vec<Vec<Data>> {
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes.to_vec())).expect("calamine opens the download");
    let range = workbook.worksheet_range(sheet).unwrap_or_else(|e| panic!("sheet {sheet}: {e}"));
    range.rows().map(|r| r.to_vec()).collect()
}

fn sheet_names(bytes: &[u8]) -> Vec<String> {
    let workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes.to_vec())).expect("calamine opens the download");
    workbook.sheet_names()
}

/// Rows written as a fresh workbook, as a unit's spreadsheet program saves it.
fn workbook(rows: &[Vec<Data>]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            match cell {
                Data::Empty => {}
                Data::Float(f) => drop(sheet.write_number(r, c, *f).unwrap()),
                other => drop(sheet.write_string(r, c, text(other)).unwrap()),
            }
        }
    }
    book.save_to_buffer().unwrap()
}

/// Every row filled in: targets at 40% of their value, others 推进中.
fn fill(rows: &mut [Vec<Data>], as_of: &str) {
    let (target, value, actual, state, narrative, date) = (
        column(rows, "指标编号"),
        column(rows, "目标值"),
        column(rows, "实际完成值"),
        column(rows, "节点状态"),
        column(rows, "进展情况"),
        column(rows, "截至日期"),
    );
    for row in rows.iter_mut().skip(2) {
        match (&row[target], &row[value]) {
            (Data::Float(_), Data::Float(v)) => row[actual] = Data::Float((v * 0.4 * 100.0).round() / 100.0),
            _ => row[state] = Data::String("推进中".into()),
        }
        row[narrative] = Data::String("网页上传：按月调度推进。".into());
        row[date] = Data::String(as_of.into());
    }
}

fn report_count(server: &TestServer, token: &str, task: i64) -> usize {
    let got = get(server, token, &format!("/api/v1/tasks/{task}"));
    assert_eq!(got.status, 200);
    let detail: serde_json::Value = serde_json::from_slice(&got.body).unwrap();
    detail["reports"].as_array().unwrap().len()
}

#[test]
fn report_and_workbooks_download_through_the_api() {
    let server = TestServer::start();
    let office = api_token(&server, SUPERVISOR);

    let docx = get(&server, &office, "/api/v1/documents/1/report?as_of=2025-06-30&format=docx");
    assert_eq!(docx.status, 200, "{}", String::from_utf8_lossy(&docx.body));
    assert_eq!(docx.content_type, DOCX);
    assert!(docx.disposition.starts_with("attachment;") && docx.disposition.contains(".docx"), "{}", docx.disposition);
    assert!(docx.disposition.contains("filename*=UTF-8''"), "the Chinese name per RFC 5987: {}", docx.disposition);
    let words = docx_text(&docx.body);
    assert!(words.contains("督查通报"), "{words}");
    assert!(words.contains("共分解重点工作任务9项"), "{words}");
    assert!(words.contains("截至2025年6月30日"), "{words}");

    let md = get(&server, &office, "/api/v1/documents/1/report?as_of=2025-06-30&format=md");
    assert_eq!(md.status, 200);
    assert!(md.content_type.starts_with("text/markdown"));
    let md = String::from_utf8(md.body).unwrap();
    assert!(md.starts_with("# 关于清河市2025年政府工作报告重点工作任务推进情况的督查通报"), "{md}");
    let html = get(&server, &office, "/api/v1/documents/1/report?as_of=2025-06-30");
    assert!(html.content_type.starts_with("text/html"));
    assert!(String::from_utf8(html.body).unwrap().contains("<svg"));
    assert_eq!(get(&server, &office, "/api/v1/documents/1/report?format=pdf").status, 400);
    assert_eq!(get(&server, &office, "/api/v1/documents/999/report").status, 404);

    let ledger = get(&server, &office, "/api/v1/export/ledger?document=1&as_of=2025-06-30");
    assert_eq!(ledger.status, 200);
    assert_eq!(ledger.content_type, XLSX);
    assert!(ledger.disposition.contains(".xlsx"));
    let first = sheet_names(&ledger.body)[0].clone();
    let rows = rows_of(&ledger.body, &first);
    let all: String = rows.iter().flatten().map(text).collect::<Vec<_>>().join("|");
    assert!(all.contains("市发展和改革委员会"), "{all}");
    assert!(rows.len() >= 9 + 2, "a row per task of the sample plan: {}", rows.len());

    let status = get(&server, &office, "/api/v1/export/status?document=1&as_of=2025-06-30");
    assert_eq!(status.status, 200);
    assert_eq!(status.content_type, XLSX);
    let names = sheet_names(&status.body);
    let cells: String = names.iter().flat_map(|n| rows_of(&status.body, n)).flatten().map(|c| text(&c)).collect::<Vec<_>>().join("|");
    assert!(cells.contains(REPORTER_UNIT), "{cells}");

    // Leaders read reports; unit reporters do not.
    let leader = api_token(&server, LEADER);
    assert_eq!(get(&server, &leader, "/api/v1/documents/1/report?format=md").status, 200);
    let reporter = api_token(&server, REPORTER);
    assert_eq!(get(&server, &reporter, "/api/v1/documents/1/report?format=md").status, 403);
    assert_eq!(get(&server, &reporter, "/api/v1/export/ledger?document=1").status, 403);
}

#[test]
fn a_unit_fills_in_its_progress_sheet_and_uploads_it() {
    let server = TestServer::start();
    let reporter = api_token(&server, REPORTER);
    let office = api_token(&server, SUPERVISOR);

    // The reporter's sheet holds their own unit's tasks only.
    let sheet = get(&server, &reporter, "/api/v1/export/progress?document=1&as_of=2025-07-10");
    assert_eq!(sheet.status, 200, "{}", String::from_utf8_lossy(&sheet.body));
    assert_eq!(sheet.content_type, XLSX);
    let mut rows = rows_of(&sheet.body, "进展填报");
    let lead = column(&rows, "牵头单位");
    assert!(rows.len() > 2, "the unit leads tasks of the sample plan");
    assert!(rows.iter().skip(2).all(|r| text(&r[lead]) == REPORTER_UNIT), "own unit only");
    let everyone = rows_of(&get(&server, &office, "/api/v1/export/progress?document=1&as_of=2025-07-10").body, "进展填报");
    assert!(everyone.len() > rows.len(), "the office's sheet has every unit");

    fill(&mut rows, "2025-07-10");
    let filled = rows.len() - 2;
    let tasks: Vec<i64> = rows.iter().skip(2).map(|r| text(&r[0]).parse().unwrap()).collect();
    let before: usize = tasks.iter().collect::<std::collections::BTreeSet<_>>().iter().map(|t| report_count(&server, &office, **t)).sum();

    let (status, body) = upload(&server, &reporter, &workbook(&rows), false);
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["read"], filled);
    assert_eq!(body["filed"], filled);
    let after: usize = tasks.iter().collect::<std::collections::BTreeSet<_>>().iter().map(|t| report_count(&server, &office, **t)).sum();
    assert_eq!(after, before + filled, "the reports are filed");

    // The same sheet again, as a form upload: nothing new.
    let (status, body) = upload(&server, &reporter, &workbook(&rows), true);
    assert_eq!(status, 200, "{body}");
    assert_eq!((body["filed"].as_u64(), body["already_reported"].as_u64()), (Some(0), Some(filled as u64)));

    // A bad cell: nothing filed, the row and column listed.
    let actual = column(&rows, "实际完成值");
    let narrative = column(&rows, "进展情况");
    let target_row = rows.iter().position(|r| matches!(r[actual], Data::Float(_))).expect("a target row");
    let mut bad = rows.clone();
    for row in bad.iter_mut().skip(2) {
        row[narrative] = Data::String("7月下旬调度。".into());
    }
    bad[target_row][actual] = Data::String("约一半".into());
    let (status, body) = upload(&server, &reporter, &workbook(&bad), false);
    assert_eq!(status, 422, "{body}");
    let errors = body["rows"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "{body}");
    assert_eq!(errors[0]["row"], target_row + 1);
    assert_eq!(errors[0]["column"], ((b'A' + actual as u8) as char).to_string());
    assert!(errors[0]["message"].as_str().unwrap().contains("约一半"), "{body}");
    let unchanged: usize = tasks.iter().collect::<std::collections::BTreeSet<_>>().iter().map(|t| report_count(&server, &office, **t)).sum();
    assert_eq!(unchanged, after, "a refused sheet files nothing");

    // A row about another unit's task: refused for that row, nothing filed.
    let mut foreign = everyone.clone();
    fill(&mut foreign, "2025-07-11");
    let other_row = foreign.iter().skip(2).position(|r| text(&r[lead]) != REPORTER_UNIT).unwrap() + 2;
    let mine_row = foreign.iter().skip(2).position(|r| text(&r[lead]) == REPORTER_UNIT).unwrap() + 2;
    let two: Vec<Vec<Data>> = vec![foreign[0].clone(), foreign[1].clone(), foreign[mine_row].clone(), foreign[other_row].clone()];
    let (status, body) = upload(&server, &reporter, &workbook(&two), false);
    assert_eq!(status, 422, "{body}");
    let errors = body["rows"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "{body}");
    assert_eq!(errors[0]["row"], 4);
    assert!(errors[0]["message"].as_str().unwrap().contains("无权填报"), "{body}");
    let still: usize = tasks.iter().collect::<std::collections::BTreeSet<_>>().iter().map(|t| report_count(&server, &office, **t)).sum();
    assert_eq!(still, after);

    // Leaders neither download nor upload progress sheets.
    let leader = api_token(&server, LEADER);
    assert_eq!(get(&server, &leader, "/api/v1/export/progress?document=1").status, 403);
    assert_eq!(upload(&server, &leader, &workbook(&rows), false).0, 403);
}

#[test]
fn a_ledger_workbook_is_previewed_then_saved_through_the_api() {
    let server = TestServer::start();
    let office = api_token(&server, SUPERVISOR);
    let sheet = get(&server, &office, "/api/v1/export/ledger?document=1&as_of=2025-06-30");
    assert_eq!(sheet.status, 200);

    let mut resp = agent()
        .post(&server.url("/api/v1/import/ledger?year=2025"))
        .header("Authorization", &format!("Bearer {office}"))
        .header("Content-Type", XLSX)
        .send(&sheet.body[..])
        .unwrap();
    assert_eq!(resp.status().as_u16(), 200);
    let preview: serde_json::Value = resp.body_mut().read_json().unwrap();
    let tasks = preview["extraction"]["tasks"].as_array().unwrap();
    assert_eq!(tasks.len(), 9, "{preview}");
    let invest = tasks.iter().find(|t| t["title"].as_str().unwrap().contains("扩大有效投资")).expect("the investment task");
    assert_eq!(invest["units"][0], REPORTER_UNIT, "the sheet's lead unit: {invest}");
    assert!(invest["targets"].as_array().unwrap().iter().any(|t| t["value"].as_f64() == Some(680.0)), "{invest}");

    let mut saved = agent()
        .post(&server.url("/api/v1/import"))
        .header("Authorization", &format!("Bearer {office}"))
        .send_json(serde_json::json!({ "pending": preview["pending"] }))
        .unwrap();
    assert_eq!(saved.status().as_u16(), 201);
    let saved: serde_json::Value = saved.body_mut().read_json().unwrap();
    let document = saved["document_id"].as_i64().expect("document id");
    let listed = get(&server, &office, &format!("/api/v1/tasks?doc={document}"));
    let listed: serde_json::Value = serde_json::from_slice(&listed.body).unwrap();
    assert_eq!(listed["total"], 9, "{listed}");
    let invest = listed["tasks"].as_array().unwrap().iter().find(|t| t["title"].as_str().unwrap().contains("扩大有效投资")).expect("saved");
    assert_eq!(invest["units"][0], REPORTER_UNIT);

    // Not a 分工方案: a 400 naming the columns it looks for.
    let mut book = rust_xlsxwriter::Workbook::new();
    book.add_worksheet().write_string(0, 0, "姓名").unwrap();
    let mut resp = agent()
        .post(&server.url("/api/v1/import/ledger"))
        .header("Authorization", &format!("Bearer {office}"))
        .header("Content-Type", XLSX)
        .send(&book.save_to_buffer().unwrap()[..])
        .unwrap();
    assert_eq!(resp.status().as_u16(), 400);
    assert!(resp.body_mut().read_to_string().unwrap().contains("工作任务"));
}
