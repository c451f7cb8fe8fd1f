//! The project store on both backends (PostgreSQL when reachable, always with CI=true).

use crate::testing::{BACKENDS, ScratchDb};
use crate::{IngestOptions, NewProjectProblem, NewProjectReport, Review, Store, TaskFilter};
use chrono::NaiveDate;
use luoshi_ledger::projects::{
    GroupBy, LinkMeasure, ProblemKind, ProjectDraft, ProjectFilter, ProjectProblem, Stage, StageDates, TargetLink,
};
use luoshi_ledger::{Comparator, DocumentDraft, Light, SectionDraft, TargetDraft, TaskDraft};

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, m, day).unwrap()
}

async fn on_both<F, Fut>(scenario: F)
where
    F: Fn(Store) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    for backend in BACKENDS {
        let Some(db) = ScratchDb::new(backend).await else { continue };
        let store = db.open().await;
        scenario(store.clone()).await;
        store.close().await;
        db.remove().await;
    }
}

fn draft(name: &str, county: &str, kind: &str, planned: f64, started: Option<NaiveDate>) -> ProjectDraft {
    ProjectDraft {
        name: name.into(),
        enterprise: format!("{name}有限公司"),
        county: county.into(),
        industry_chain: "新能源".into(),
        kind: kind.into(),
        content: "新建厂房及生产线".into(),
        total_investment: Some(planned * 2.0),
        annual_planned_investment: Some(planned),
        plan_year: Some(2025),
        responsible_unit: "市发展改革委".into(),
        stages: StageDates { started, ..Default::default() },
        ..Default::default()
    }
}

fn report(project_id: i64, as_of: NaiveDate, completed: f64, stage: Option<Stage>) -> NewProjectReport {
    NewProjectReport {
        project_id,
        as_of,
        completed_investment: completed,
        in_statistics: true,
        stage,
        progress: "主体施工".into(),
        problems: String::new(),
        next_steps: String::new(),
    }
}

fn sheet() -> Vec<ProjectDraft> {
    vec![
        ProjectDraft { completed_investment: Some((d(3, 31), 300.0)), ..draft("甲项目", "甲县", "市重点", 1000.0, Some(d(2, 1))) },
        draft("乙项目", "乙区", "增发国债", 2000.0, None),
        ProjectDraft {
            stages: StageDates { signed: Some(d(1, 10)), ..Default::default() },
            ..draft("丙项目", "乙区", "增发国债", 500.0, None)
        },
    ]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn imports_are_idempotent_and_changes_audited() {
    on_both(|store| async move {
        let first = store.upsert_projects("clerk", &sheet(), Some("项目表.xlsx")).await.unwrap();
        assert_eq!((first.created.len(), first.updated.len(), first.reports), (3, 0, 1));
        let again = store.upsert_projects("clerk", &sheet(), Some("项目表.xlsx")).await.unwrap();
        assert_eq!((again.created.len(), again.updated.len(), again.unchanged.len(), again.reports), (0, 0, 3, 0));
        assert_eq!(store.projects(&ProjectFilter::default()).await.unwrap().len(), 3);

        let mut changed = sheet();
        changed[1].annual_planned_investment = Some(2500.0);
        changed[0].completed_investment = Some((d(3, 31), 320.0));
        let third = store.upsert_projects("clerk", &changed, Some("项目表.xlsx")).await.unwrap();
        assert_eq!((third.updated.len(), third.reports), (1, 1));
        let id = first.created[0];
        let history = store.project_reports(id).await.unwrap();
        assert_eq!(history.len(), 2, "the changed figure is a correction, the old one kept");
        assert_eq!(history[1].supersedes, Some(history[0].id));
        assert_eq!(history[0].superseded_by, Some(history[1].id));
        let audit = store.audit_log(Some(("project", first.created[1])), 100).await.unwrap();
        assert!(audit.iter().any(|a| a.action == "update"), "{audit:?}");

        let p = store.project(id).await.unwrap();
        assert_eq!(p.stages.started, Some(d(2, 1)));
        let kinds = store.projects(&ProjectFilter { kind: Some("增发国债".into()), ..Default::default() }).await.unwrap();
        assert_eq!(kinds.len(), 2);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reports_move_stages_and_rates() {
    on_both(|store| async move {
        let ids = store.upsert_projects("clerk", &sheet(), None).await.unwrap().created;
        let (a, b, c) = (ids[0], ids[1], ids[2]);
        let filed = store
            .add_project_reports(
                "县发改局",
                vec![
                    report(a, d(4, 30), 450.0, Some(Stage::Producing)),
                    report(b, d(4, 30), 800.0, Some(Stage::Started)),
                    report(c, d(4, 30), 0.0, None),
                ],
            )
            .await
            .unwrap();
        let stats = store.project_stats(&ProjectFilter::default(), d(4, 30), Some(GroupBy::County)).await.unwrap();
        let t = &stats.total;
        assert_eq!((t.projects, t.signed, t.started, t.producing), (3, 3, 2, 1));
        assert_eq!(t.start_rate, Some(2.0 / 3.0));
        assert_eq!(t.production_rate, Some(0.5));
        assert_eq!(t.completed_investment, 1250.0);
        assert_eq!(t.investment_completion, Some(1250.0 / 3500.0));
        assert_eq!(stats.groups.len(), 2);
        // Before the reports: only the sheet's figure and stages.
        let march = store.project_stats(&ProjectFilter::default(), d(3, 31), None).await.unwrap().total;
        assert_eq!((march.started, march.producing, march.completed_investment), (1, 0, 300.0));

        // A returned report no longer counts, nor does the stage it claimed.
        store.review_project_report("督查室", filed[1], Review::Return { reason: "数据有误".into() }).await.unwrap();
        let after = store.project_stats(&ProjectFilter::default(), d(4, 30), None).await.unwrap().total;
        assert_eq!((after.started, after.completed_investment), (1, 450.0));
        assert!(store.project(b).await.unwrap().stages.started.is_none());
        store.review_project_report("督查室", filed[1], Review::Accept).await.unwrap();
        assert_eq!(store.project(b).await.unwrap().stages.started, Some(d(4, 30)), "accepted after all: counts again");
        store.review_project_report("督查室", filed[1], Review::Return { reason: "数据有误".into() }).await.unwrap();
        let err = store.review_project_report("督查室", filed[0], Review::Return { reason: " ".into() }).await;
        assert!(err.is_err());

        // A correction replaces the figure and the stage.
        let fixed = store.correct_project_report("县发改局", filed[0], report(a, d(4, 30), 420.0, Some(Stage::Started))).await.unwrap();
        assert!(store.correct_project_report("县发改局", filed[0], report(a, d(4, 30), 1.0, None)).await.is_err());
        let corrected = store.project_stats(&ProjectFilter::default(), d(4, 30), None).await.unwrap().total;
        assert_eq!((corrected.producing, corrected.completed_investment), (0, 420.0));
        assert_eq!(store.project_reports(a).await.unwrap().last().unwrap().id, fixed);

        // Reports for a project that does not exist are refused whole.
        assert!(store.add_project_reports("x", vec![report(a, d(5, 31), 1.0, None), report(999, d(5, 31), 1.0, None)]).await.is_err());
        assert_eq!(store.project_reports(a).await.unwrap().len(), 3);

        // The list: light from completion against 序时进度, open problems.
        let problem = ProjectProblem {
            kind: ProblemKind::Land,
            description: "用地指标未落实".into(),
            owner: "市自然资源和规划局".into(),
            raised_on: d(4, 1),
            solved_on: None,
        };
        let pid = store.add_project_problem("clerk", NewProjectProblem { project_id: c, problem }).await.unwrap();
        let lines = store.project_lines(&ProjectFilter::default(), d(4, 30)).await.unwrap();
        let line_c = lines.iter().find(|l| l.project.id == c).unwrap();
        assert_eq!((line_c.open_problems, line_c.light), (1, Light::Red), "0 of 500 at 4/12 of the year");
        let line_b = lines.iter().find(|l| l.project.id == b).unwrap();
        assert_eq!((line_b.completed_investment, line_b.missed_cycles, line_b.light), (None, 4, Light::Red));
        store.solve_project_problem("clerk", pid, d(5, 10)).await.unwrap();
        let later = store.project_lines(&ProjectFilter::default(), d(5, 31)).await.unwrap();
        assert_eq!(later.iter().find(|l| l.project.id == c).unwrap().open_problems, 0);
        assert_eq!(store.project_problems(c).await.unwrap()[0].problem.solved_on, Some(d(5, 10)));

        // 催办: to the project's 包联单位, acknowledged once.
        let sent = store.add_project_reminders("督查室", &[b, c], "请于3日内报送5月调度情况", Some(d(6, 5))).await.unwrap();
        assert_eq!(sent.len(), 2);
        let for_b = store.project_reminders(Some(b)).await.unwrap();
        assert_eq!((for_b.len(), for_b[0].unit.as_str(), for_b[0].due), (1, "市发展改革委", Some(d(6, 5))));
        store.acknowledge_project_reminder("县发改局", sent[0]).await.unwrap();
        assert!(store.acknowledge_project_reminder("县发改局", sent[0]).await.is_err());
        assert!(store.project_reminders(None).await.unwrap().iter().any(|r| r.acknowledged_at.is_some()));
        assert!(store.add_project_reminders("督查室", &[999], "x", None).await.is_err());
        assert!(store.add_project_reminders("督查室", &[b], " ", None).await.is_err());
    })
    .await;
}

fn plan() -> DocumentDraft {
    let target = |metric: &str, value: f64, unit: &str| TargetDraft {
        metric: metric.into(),
        value,
        unit: unit.into(),
        cmp: Comparator::AtLeast,
        deadline: Some(d(12, 31)),
        yearly: false,
        span: (0, 0),
        text: format!("{value}{unit}"),
        baseline: None,
    };
    let text = "加快推进重点项目，确保全年完成投资287.6亿元。增发国债项目5月底前全部开工。";
    DocumentDraft {
        source: "plan.txt".into(),
        title: Some("2025年重点工作".into()),
        year: Some(2025),
        period_end: Some(d(12, 31)),
        text: text.into(),
        content_hash: "projects-plan".into(),
        sections: vec![SectionDraft { level: 0, heading: "一、扩大有效投资".into(), span: (0, 4) }],
        tasks: vec![TaskDraft {
            key: "t1".into(),
            section_path: vec!["一、扩大有效投资".into()],
            title: "加快推进重点项目".into(),
            text: text.into(),
            span: (0, text.chars().count()),
            units: vec!["市发展改革委".into()],
            deadline: None,
            targets: vec![target("完成投资", 287.6, "亿元"), target("增发国债项目开工", 2.0, "个")],
        }],
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn linked_targets_are_computed_from_projects() {
    on_both(|store| async move {
        store.ingest("clerk", &plan(), &IngestOptions::default()).await.unwrap();
        let task = store.ledger(&TaskFilter::default()).await.unwrap().remove(0);
        let (investment, started) = (task.targets[0].id, task.targets[1].id);
        let ids = store.upsert_projects("clerk", &sheet(), None).await.unwrap().created;
        store
            .link_target("督查室", &TargetLink { target_id: investment, filter: ProjectFilter::default(), measure: LinkMeasure::CompletedInvestment })
            .await
            .unwrap();
        let bonds = ProjectFilter { kind: Some("增发国债".into()), ..Default::default() };
        store
            .link_target("督查室", &TargetLink { target_id: started, filter: bonds, measure: LinkMeasure::ProjectsAtStage(Stage::Started) })
            .await
            .unwrap();
        let bad = TargetLink { target_id: 9999, filter: ProjectFilter::default(), measure: LinkMeasure::CompletedInvestment };
        assert!(store.link_target("督查室", &bad).await.is_err());
        store.add_project_reports("x", vec![report(ids[1], d(5, 20), 26_000.0, Some(Stage::Started))]).await.unwrap();

        let may = store.linked_target_actuals(d(5, 31)).await.unwrap();
        assert_eq!(may.len(), 2);
        let money = may.iter().find(|a| a.target_id == investment).unwrap();
        assert!((money.actual - (300.0 + 26_000.0) / 10_000.0).abs() < 1e-9, "{money:?}");
        assert_eq!(money.unit, "亿元");
        assert_eq!(may.iter().find(|a| a.target_id == started).unwrap().actual, 1.0);
        let april = store.linked_target_actuals(d(4, 30)).await.unwrap();
        assert_eq!(april.iter().find(|a| a.target_id == started).unwrap().actual, 0.0);
        assert_eq!(store.target_links().await.unwrap().len(), 2);

        // The status table judges the linked targets by the computed actual.
        let status = store.status(&TaskFilter::default(), d(5, 31)).await.unwrap();
        let targets = &status.tasks[0].targets;
        let money = targets.iter().find(|t| t.id == investment).unwrap();
        assert!((money.actual.unwrap() - 2.63).abs() < 1e-9, "{money:?}");
        assert_eq!(money.actual_as_of, Some(d(5, 31)));
        assert_eq!(targets.iter().find(|t| t.id == started).unwrap().actual, Some(1.0));
    })
    .await;
}
