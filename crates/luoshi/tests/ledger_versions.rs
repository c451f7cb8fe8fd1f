//! A revised document becomes a new version: unchanged tasks keep their ids
//! (and so their progress), the diff is printed. Through the binary, on
//! SQLite and PostgreSQL.

mod ledger_cli;

use ledger_cli::*;

cli_on_both_backends!(a_revised_plan_is_a_new_version_with_its_diff, |db| {
    let dir = std::env::temp_dir().join(format!("luoshi-versions-{}-{}", std::process::id(), db.len()));
    std::fs::create_dir_all(&dir).unwrap();
    let original = std::fs::read_to_string(corpus_dir().join("003_3d7fc7862722a9c7.txt")).unwrap();
    let file = dir.join("措施.txt");
    std::fs::write(&file, &original).unwrap();
    let file_arg = file.display().to_string();
    luoshi(db, &["ingest", &file_arg]);

    let ledger = json(db, &["ledger"]);
    let tasks = ledger.as_array().unwrap();
    let investment = tasks
        .iter()
        .flat_map(|t| t["targets"].as_array().unwrap().iter().map(move |g| (t, g)))
        .find(|(_, g)| g["metric"].as_str().unwrap().contains("工业项目投资"))
        .map(|(t, g)| (t["id"].as_i64().unwrap(), g["id"].as_i64().unwrap()))
        .expect("the 工业项目投资 target of measure 5 in the stored ledger");
    luoshi(db, &["progress", "add", "--target", &investment.1.to_string(), "--as-of", "2024-04-30", "--value", "150"]);

    // The revision raises one figure and drops the last measure.
    let last = original.find("29.守住守牢安全生产底线").expect("measure 29 in 003");
    let revised = original[..last].replace("不低于390亿元", "不低于400亿元");
    assert_ne!(revised, original);
    std::fs::write(&file, &revised).unwrap();
    let out = luoshi(db, &["ingest", &file_arg]);
    assert!(out.contains("新版本") && out.contains("第2版"), "{out}");
    assert!(out.contains("删除：") && out.contains("守住守牢安全生产底线"), "{out}");
    assert!(out.contains("修改：") && out.contains("强化工业运行调度"), "{out}");

    let documents = json(db, &["documents"]);
    let documents = documents.as_array().unwrap();
    assert_eq!(documents.len(), 2);
    assert_eq!(documents[1]["version"], 2);
    assert_eq!(documents[1]["supersedes"], documents[0]["id"]);

    let revised_ledger = json(db, &["ledger"]);
    let revised_tasks = revised_ledger.as_array().unwrap();
    assert_eq!(revised_tasks.len(), tasks.len() - 1);
    for task in revised_tasks {
        assert!(
            tasks.iter().any(|t| t["id"] == task["id"] && t["title"] == task["title"]),
            "task ids carry over: {task}"
        );
        assert_eq!(task["document_id"], documents[1]["id"]);
    }
    let task = revised_tasks.iter().find(|t| t["id"] == investment.0).unwrap();
    let target =
        task["targets"].as_array().unwrap().iter().find(|g| g["id"] == investment.1).expect("the target keeps its id");
    assert_eq!(target["value"], 400.0);
    let history = json(db, &["progress", "list", "--task", &investment.0.to_string()]);
    assert_eq!(history.as_array().unwrap().len(), 1, "progress history stays with the task");
    let audit = json(db, &["ledger", "history", "--task", &investment.0.to_string()]);
    assert!(audit.as_array().unwrap().iter().any(|e| e["action"] == "revise"), "{audit}");

    // The same revision again changes nothing.
    assert!(luoshi(db, &["ingest", &file_arg]).contains("未变化"));
    let _ = std::fs::remove_dir_all(&dir);
});

cli_on_both_backends!(ledger_edits_from_the_command_line_are_audited, |db| {
    let file = corpus_dir().join("003_3d7fc7862722a9c7.txt").display().to_string();
    luoshi(db, &["ingest", &file]);
    let ledger = json(db, &["ledger"]);
    let tasks = ledger.as_array().unwrap();
    let (a, b) = (tasks[0]["id"].as_i64().unwrap(), tasks[1]["id"].as_i64().unwrap());
    let document = tasks[0]["document_id"].as_i64().unwrap().to_string();

    luoshi(db, &["ledger", "set-units", "--task", &a.to_string(), "市科技局", "市财政局", "--actor", "ducha"]);
    luoshi(db, &["ledger", "set-deadline", "--task", &a.to_string(), "2024-06-15", "--actor", "ducha"]);
    luoshi(db, &["ledger", "set-document", "--document", &document, "--cycle", "季考核"]);
    let split = luoshi(db, &["ledger", "split", "--task", &b.to_string(), "明确平台建设清单", "推动资源布局"]);
    assert!(split.contains("已拆分为"), "{split}");
    let added =
        luoshi(db, &["ledger", "add", "--document", &document, "--title", "手工补充任务", "--unit", "市发改委"]);
    assert!(added.contains("已添加任务"), "{added}");

    let after = json(db, &["ledger"]);
    let first = after.as_array().unwrap().iter().find(|t| t["id"] == a).unwrap();
    let units: Vec<&str> = first["units"].as_array().unwrap().iter().map(|u| u["name"].as_str().unwrap()).collect();
    assert_eq!(units, ["市科学技术局", "市财政局"]);
    assert_eq!(first["deadline"], "2024-06-15");
    assert!(after.as_array().unwrap().iter().all(|t| t["id"] != b), "the split task is retired");
    assert_eq!(after.as_array().unwrap().len(), tasks.len() + 2);
    let manual = after.as_array().unwrap().iter().find(|t| t["title"] == "手工补充任务").unwrap();
    assert_eq!(manual["origin"], "manual");
    assert_eq!(manual["units"][0]["name"], "市发展和改革委员会");
    assert_eq!(json(db, &["documents"])[0]["reporting_cycle"], "quarterly");

    let history = json(db, &["ledger", "history", "--task", &a.to_string()]);
    let history = history.as_array().unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[1]["action"], "set_units");
    assert_eq!(history[1]["actor"], "ducha");
    assert_eq!(history[1]["before"][0], "市科学技术局");
    assert_eq!(history[0]["after"], "2024-06-15");

    let err = luoshi_fails(db, &["progress", "add", "--task", "999999", "--as-of", "2024-06-30", "--state", "推进中"]);
    assert!(err.contains("no task with id 999999"), "{err}");
    let err =
        luoshi_fails(db, &["progress", "add", "--task", &a.to_string(), "--as-of", "2024-06-31", "--state", "推进中"]);
    assert!(err.contains("not a date"), "{err}");
});
