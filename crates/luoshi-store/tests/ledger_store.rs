//! The store's behaviour, the same on SQLite and PostgreSQL.

mod common;

use common::*;
use luoshi_ledger::{Comparator, Light, MilestoneState, ReportSubject, ReportedValue, Role, Status, TaskDiff};
use luoshi_store::{IngestOptions, IngestOutcome, NewReport, NewTask, NewUser, Review, TargetChange, TaskFilter};

fn actual(target: i64, as_of: chrono::NaiveDate, value: f64) -> NewReport {
    NewReport {
        subject: ReportSubject::Target(target),
        as_of,
        value: ReportedValue::Actual(value),
        narrative: "按计划推进".into(),
        problems: String::new(),
        next_steps: String::new(),
    }
}

fn milestone(task: i64, as_of: chrono::NaiveDate, state: MilestoneState) -> NewReport {
    NewReport { subject: ReportSubject::Task(task), value: ReportedValue::Milestone(state), ..actual(0, as_of, 0.0) }
}

on_both_backends!(ingest_is_idempotent_and_units_resolve_aliases, |store| {
    let outcome = store.ingest("clerk", &plan_2024("h1"), &IngestOptions::default()).await.unwrap();
    let IngestOutcome::Created { document_id, tasks, targets } = outcome else { panic!("{outcome:?}") };
    assert_eq!((tasks, targets), (4, 4));
    let again = store.ingest("clerk", &plan_2024("h1"), &IngestOptions::default()).await.unwrap();
    assert_eq!(again, IngestOutcome::Unchanged { document_id });
    assert_eq!(store.documents().await.unwrap().len(), 1);

    let ledger = store.ledger(&TaskFilter::default()).await.unwrap();
    assert_eq!(ledger.len(), 4);
    assert_eq!(ledger[0].units[0].name, "市发展和改革委员会", "市发展改革委 is stored by its full name");
    assert!(ledger[0].units[0].lead && !ledger[0].units[1].lead);
    assert_eq!(ledger[2].units[0].name, "市工业和信息化局", "市工信局 and 市工业和信息化局 are one unit");
    assert_eq!(ledger[1].units[0].unit_id, ledger[2].units[0].unit_id);
    assert_eq!(ledger[2].targets.len(), 2);
    assert_eq!(ledger[0].targets[0].cmp, Comparator::AtLeast);

    let fgw = store.unit_id("市发展和改革委员会").await.unwrap();
    assert_eq!(store.unit_id("市发改委").await.unwrap(), fgw);
    assert_eq!(store.unit_id(" 市 发展改革委 ").await.unwrap(), fgw);
    let by_unit =
        store.ledger(&TaskFilter { unit: Some(ledger[1].units[0].unit_id), ..Default::default() }).await.unwrap();
    assert_eq!(by_unit.iter().map(|t| t.title.as_str()).collect::<Vec<_>>(), ["强化工业运行调度", "培育市场主体"]);
    let text = store.document_text(document_id).await.unwrap();
    assert!(text.contains("900亿元"));
});

on_both_backends!(a_revised_version_keeps_task_ids_and_history, |store| {
    let IngestOutcome::Created { .. } =
        store.ingest("clerk", &plan_2024("v1"), &IngestOptions::default()).await.unwrap()
    else {
        panic!()
    };
    let before = store.ledger(&TaskFilter::default()).await.unwrap();
    let investment_target = before[0].targets[0].id;
    store.add_report("unit", actual(investment_target, d(2024, 3, 31), 200.0)).await.unwrap();

    let mut revised = plan_2024("v2");
    revised.tasks[0].text = "扩大有效投资。全年完成投资1000亿元以上。".into();
    revised.tasks[0].targets[0].value = 1000.0;
    revised.tasks.remove(3);
    revised.tasks.push(task(
        "t5",
        "加快现代物流业发展",
        "加快现代物流业发展。推进物流港项目。",
        &["市交通运输局"],
        vec![],
    ));
    let outcome = store.ingest("clerk", &revised, &IngestOptions::default()).await.unwrap();
    let IngestOutcome::NewVersion { document_id, version, diff, .. } = outcome else { panic!("{outcome:?}") };
    assert_eq!(version, 2);
    let TaskDiff { pairs, added, removed } = &diff;
    assert_eq!((pairs.len(), added.len(), removed.len()), (3, 1, 1));
    assert_eq!(diff.modified().count(), 1);
    assert!(diff.summary().contains("新增：t5 加快现代物流业发展"), "{}", diff.summary());

    let after = store.ledger(&TaskFilter { document: Some(document_id), ..Default::default() }).await.unwrap();
    assert_eq!(after.len(), 4);
    assert_eq!(after[0].id, before[0].id, "the changed task keeps its id");
    assert_eq!(after[0].targets[0].id, investment_target, "its target keeps its id");
    assert_eq!(after[0].targets[0].value, 1000.0);
    assert_eq!(after[1].id, before[1].id);
    assert!(after.iter().all(|t| t.document_id == document_id));
    let retired = store.task(before[3].id).await.unwrap().unwrap();
    assert!(!retired.active);
    assert_eq!(store.task_reports(before[0].id).await.unwrap().len(), 1, "progress history stays with the task");

    let docs = store.documents().await.unwrap();
    assert_eq!(docs.len(), 2);
    assert!(docs[0].superseded && !docs[1].superseded);
    assert_eq!(docs[1].supersedes, Some(docs[0].id));
    // The old version id still selects the document's current tasks.
    assert_eq!(store.ledger(&TaskFilter { document: Some(docs[0].id), ..Default::default() }).await.unwrap().len(), 4);
    let audit = store.audit_log(Some(("task", before[0].id)), 10).await.unwrap();
    assert_eq!(audit[0].action, "revise");
    assert!(audit[0].before.as_ref().unwrap().to_string().contains("900"));
});

on_both_backends!(statuses_follow_tracking_md, |store| {
    store.ingest("clerk", &plan_2024("s1"), &IngestOptions::default()).await.unwrap();
    let ledger = store.ledger(&TaskFilter::default()).await.unwrap();
    let (invest, growth, firms, leaders) =
        (ledger[0].targets[0].id, ledger[1].targets[0].id, ledger[2].targets[0].id, ledger[2].targets[1].id);
    let lab = ledger[3].id;
    let june = d(2024, 6, 30);
    // Invest: 500 of 900 at mid-year: w 0.56, t 0.50 → 达进度.
    store.add_report("u", actual(invest, june, 500.0)).await.unwrap();
    // Growth rate 6.8% ≥ 6.5%: 已完成.
    store.add_report("u", actual(growth, june, 6.8)).await.unwrap();
    // Firms 40 of 180: w 0.22 vs t 0.5 → 欠进度 by 0.28 → red; 头雁 2 of 3: 超进度.
    store.add_report("u", actual(firms, june, 40.0)).await.unwrap();
    store.add_report("u", actual(leaders, june, 2.0)).await.unwrap();
    store.add_report("u", milestone(lab, june, MilestoneState::InProgress)).await.unwrap();

    let table = store.status(&TaskFilter::default(), june).await.unwrap();
    let by_id = |id: i64| table.tasks.iter().find(|t| t.id == id).unwrap();
    assert_eq!(by_id(ledger[0].id).status, Status::OnTrack);
    assert_eq!(by_id(ledger[1].id).status, Status::Done);
    let firms_task = by_id(ledger[2].id);
    assert_eq!(firms_task.targets[0].status, Status::Behind);
    assert_eq!(firms_task.targets[1].status, Status::Ahead);
    assert_eq!(firms_task.status, Status::Behind, "a task is its worst target");
    assert_eq!(firms_task.light, Light::Red);
    assert!(!firms_task.double_half.passed);
    assert!(by_id(ledger[0].id).double_half.passed);
    assert_eq!(by_id(lab).status, Status::OnTrack);
    assert_eq!(by_id(lab).milestone, Some(MilestoneState::InProgress));

    // A correction replaces the figure; the original stays in the history.
    let first = store.task_reports(ledger[2].id).await.unwrap()[0].report.id;
    let fixed = store.correct_report("u", first, actual(firms, june, 95.0)).await.unwrap();
    let table = store.status(&TaskFilter::default(), june).await.unwrap();
    let firms_task = table.tasks.iter().find(|t| t.id == ledger[2].id).unwrap();
    assert_eq!(firms_task.targets[0].actual, Some(95.0));
    assert_eq!(firms_task.status, Status::OnTrack);
    assert_eq!(store.task_reports(ledger[2].id).await.unwrap().len(), 3);
    assert!(store.correct_report("u", first, actual(firms, june, 1.0)).await.is_err(), "corrected twice");
    // A returned correction no longer counts: the original figure is back.
    store.review_report("boss", fixed, Review::Return { reason: "数据无来源".into() }).await.unwrap();
    let table = store.status(&TaskFilter::default(), june).await.unwrap();
    let firms_task = table.tasks.iter().find(|t| t.id == ledger[2].id).unwrap();
    assert_eq!(firms_task.targets[0].actual, Some(40.0));

    // Nothing reported in July and August: 未报送, red after two cycles.
    let september = d(2024, 9, 3);
    let table = store.status(&TaskFilter::default(), september).await.unwrap();
    let lab_status = table.tasks.iter().find(|t| t.id == lab).unwrap();
    assert_eq!(lab_status.status, Status::NotReported);
    assert_eq!(lab_status.missed_cycles, 2);
    assert_eq!(lab_status.light, Light::Red);
    // The growth target was due 06-30 and is done: it stays done.
    assert_eq!(table.tasks.iter().find(|t| t.id == ledger[1].id).unwrap().status, Status::Done);
    // After the year: the investment target is overdue.
    let table = store.status(&TaskFilter::default(), d(2025, 1, 10)).await.unwrap();
    assert_eq!(table.tasks.iter().find(|t| t.id == ledger[0].id).unwrap().status, Status::Overdue);
    assert_eq!(table.summary.total, 4);

    // Milestones are for tasks without targets, and values for targets.
    assert!(store.add_report("u", milestone(ledger[0].id, june, MilestoneState::Done)).await.is_err());
});

on_both_backends!(ledger_edits_are_audited, |store| {
    store.ingest("clerk", &plan_2024("e1"), &IngestOptions::default()).await.unwrap();
    let ledger = store.ledger(&TaskFilter::default()).await.unwrap();
    let document_id = ledger[0].document_id;

    store.set_task_units("boss", ledger[3].id, &["市教育局".into(), "市科技局".into()]).await.unwrap();
    let task = store.task(ledger[3].id).await.unwrap().unwrap();
    assert_eq!(task.units.iter().map(|u| u.name.as_str()).collect::<Vec<_>>(), ["市教育局", "市科学技术局"]);
    let audit = store.audit_log(Some(("task", ledger[3].id)), 5).await.unwrap();
    assert_eq!((audit[0].actor.as_str(), audit[0].action.as_str()), ("boss", "set_units"));
    assert_eq!(audit[0].before, Some(serde_json::json!(["市科学技术局"])));

    store.set_task_deadline("boss", ledger[3].id, Some(d(2024, 6, 30))).await.unwrap();
    store.set_target("boss", ledger[0].targets[0].id, TargetChange::Baseline(Some(100.0))).await.unwrap();
    let task = store.task(ledger[0].id).await.unwrap().unwrap();
    assert_eq!(task.targets[0].baseline, Some(100.0));
    store.set_reporting_cycle("boss", document_id, luoshi_ledger::ReportingCycle::Quarterly).await.unwrap();
    assert_eq!(
        store.document(document_id).await.unwrap().unwrap().reporting_cycle,
        luoshi_ledger::ReportingCycle::Quarterly
    );

    let parts = vec![
        NewTask {
            title: "新增规上工业企业".into(), text: "新增规上工业企业180家以上".into(), ..Default::default()
        },
        NewTask { title: "培育头雁企业".into(), units: vec!["市工信局".into()], ..Default::default() },
    ];
    let split = store.split_task("boss", ledger[2].id, parts).await.unwrap();
    assert_eq!(split.len(), 2);
    assert!(!store.task(ledger[2].id).await.unwrap().unwrap().active);
    let part = store.task(split[0]).await.unwrap().unwrap();
    assert_eq!(part.origin, "split");
    assert_eq!(part.units.len(), 2, "a part without units keeps the original's");

    let merged = store.merge_tasks("boss", &[ledger[0].id, ledger[1].id], "稳投资稳工业").await.unwrap();
    let merged = store.task(merged).await.unwrap().unwrap();
    assert_eq!(merged.targets.len(), 2, "targets move with their history");
    assert_eq!(merged.units.len(), 3);
    assert!(!store.task(ledger[0].id).await.unwrap().unwrap().active);

    let added = store
        .add_task(
            "boss",
            NewTask {
                document_id, title: "手工任务".into(), units: vec!["市政府办".into()], ..Default::default()
            },
        )
        .await
        .unwrap();
    let added = store.task(added).await.unwrap().unwrap();
    assert_eq!((added.origin.as_str(), added.units[0].name.as_str()), ("manual", "市人民政府办公室"));
    let active = store.ledger(&TaskFilter::default()).await.unwrap();
    assert_eq!(active.len(), 5, "task 4, two parts, the merged task and the hand-added one");
    assert!(store.audit_log(None, 100).await.unwrap().len() >= 8);
});

on_both_backends!(units_merge_and_alias, |store| {
    store.ingest("clerk", &plan_2024("u1"), &IngestOptions::default()).await.unwrap();
    store.add_unit_alias("admin", "市统计局", "许昌市统计局").await.unwrap();
    assert_eq!(store.unit_id("许昌市统计局").await.unwrap(), store.unit_id("市统计局").await.unwrap());
    assert!(store.add_unit_alias("admin", "市统计局", "市财政局").await.is_err(), "an alias of another unit");
    let merged = store.merge_units("admin", "市财政局", "市统计局").await.unwrap();
    assert_eq!(merged.name, "市统计局");
    assert_eq!(merged.task_count, 2);
    assert!(merged.aliases.contains(&"市财政局".to_string()));
    let units = store.units().await.unwrap();
    assert!(units.iter().all(|u| u.name != "市财政局"));
    let task = &store.ledger(&TaskFilter::default()).await.unwrap()[0];
    assert_eq!(task.units.iter().map(|u| u.name.as_str()).collect::<Vec<_>>(), ["市发展和改革委员会", "市统计局"]);
    assert!(store.merge_units("admin", "市统计局", "市统计局").await.is_err());
});

on_both_backends!(users_and_sessions, |store| {
    let unit = store.ingest("clerk", &plan_2024("a1"), &IngestOptions::default()).await.unwrap();
    let _ = unit;
    let unit_id = store.unit_id("市统计局").await.unwrap();
    let user = store
        .create_user(
            "admin",
            NewUser {
                username: "tjj".into(),
                display_name: Some("统计局填报员".into()),
                password_hash: "$argon2id$x".into(),
                role: Role::Unit,
                unit_id,
            },
        )
        .await
        .unwrap();
    assert!(user.active);
    assert!(
        store
            .create_user(
                "admin",
                NewUser {
                    username: "tjj".into(),
                    display_name: None,
                    password_hash: "h".into(),
                    role: Role::Admin,
                    unit_id: None
                }
            )
            .await
            .is_err()
    );
    assert_eq!(store.user_by_name("tjj").await.unwrap().unwrap().role, Role::Unit);
    let session = store.create_session(user.id, chrono::Duration::hours(8)).await.unwrap();
    assert_eq!(session.id.len(), 64);
    let (found, who) = store.session_user(&session.id).await.unwrap().unwrap();
    assert_eq!((found.csrf_token, who.username), (session.csrf_token.clone(), "tjj".to_string()));
    let expired = store.create_session(user.id, chrono::Duration::seconds(-1)).await.unwrap();
    assert!(store.session(&expired.id).await.unwrap().is_none());
    assert_eq!(store.delete_expired_sessions().await.unwrap(), 1);
    store
        .update_user("admin", user.id, luoshi_store::UserChange { active: Some(false), ..Default::default() })
        .await
        .unwrap();
    assert!(store.session(&session.id).await.unwrap().is_none(), "deactivating ends sessions");
    let reminder = store
        .add_reminder("boss", store.ledger(&TaskFilter::default()).await.unwrap()[2].id, None, "请于9月5日前报送", None)
        .await
        .unwrap();
    assert_eq!(store.reminders(None).await.unwrap()[0].id, reminder);
    store.acknowledge_reminder("tjj", reminder).await.unwrap();
});

on_both_backends!(a_batch_of_reports_is_all_or_nothing, |store| {
    store.ingest("clerk", &plan_2024("b1"), &IngestOptions::default()).await.unwrap();
    let ledger = store.ledger(&TaskFilter::default()).await.unwrap();
    let (invest, lab) = (ledger[0].targets[0].id, ledger[3].id);
    let good: Vec<NewReport> = (1..=6).map(|m| actual(invest, d(2024, m, 28), 100.0 * m as f64)).collect();
    let mut batch = good.clone();
    batch.push(milestone(ledger[0].id, d(2024, 6, 30), MilestoneState::Done));
    let err = store.add_reports("import", &batch).await.unwrap_err().to_string();
    assert!(err.contains("report 7 of the batch") && err.contains("has targets"), "{err}");
    assert!(store.task_reports(ledger[0].id).await.unwrap().is_empty(), "nothing of a failed batch is stored");

    let mut batch = good;
    batch.push(milestone(lab, d(2024, 6, 30), MilestoneState::InProgress));
    let ids = store.add_reports("import", &batch).await.unwrap();
    assert_eq!(ids.len(), 7);
    assert_eq!(store.task_reports(ledger[0].id).await.unwrap().len(), 6);
    let table = store.status(&TaskFilter::default(), d(2024, 6, 30)).await.unwrap();
    let line = table.tasks.iter().find(|t| t.id == ledger[0].id).unwrap();
    assert_eq!(line.targets[0].actual, Some(600.0), "the latest of the batch counts");
    assert_eq!(store.audit_log(None, 1).await.unwrap()[0].action, "import");
});

on_both_backends!(null_and_real_numbers_share_cached_statements, |store| {
    // The same statement text run first with a NULL number, then with a real one.
    store.ingest("clerk", &plan_2024("n1"), &IngestOptions::default()).await.unwrap();
    let target = store.ledger(&TaskFilter::default()).await.unwrap()[0].targets[0].id;
    store.set_target("boss", target, TargetChange::Baseline(None)).await.unwrap();
    store.set_target("boss", target, TargetChange::Baseline(Some(12.5))).await.unwrap();
    let mut with_baseline = plan_2024("n2");
    with_baseline.title = Some("另一份计划".into());
    with_baseline.tasks[0].targets[0].baseline = Some(3.0);
    store.ingest("clerk", &with_baseline, &IngestOptions::default()).await.unwrap();
    let ledger = store.ledger(&TaskFilter::default()).await.unwrap();
    assert_eq!(ledger[0].targets[0].baseline, Some(12.5));
    assert_eq!(ledger[4].targets[0].baseline, Some(3.0));
});
