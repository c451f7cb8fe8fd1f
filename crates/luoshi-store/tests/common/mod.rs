//! Shared by the store's tests: synthetic drafts and the two-backend harness.
#![allow(dead_code)]

use chrono::NaiveDate;
use luoshi_ledger::{Comparator, DocumentDraft, SectionDraft, TargetDraft, TaskDraft};

pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// Runs `$body` (an async block using `store`) once per backend, as two tests.
#[macro_export]
macro_rules! on_both_backends {
    ($name:ident, |$store:ident| $body:block) => {
        mod $name {
            use super::*;
            async fn scenario($store: luoshi_store::Store) $body

            async fn run(backend: luoshi_store::Backend) {
                let Some(db) = luoshi_store::testing::ScratchDb::new(backend).await else { return };
                let store = db.open().await;
                scenario(store.clone()).await;
                store.close().await;
                db.remove().await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                run(luoshi_store::Backend::Sqlite).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                run(luoshi_store::Backend::Postgres).await;
            }
        }
    };
}

pub fn target(metric: &str, value: f64, unit: &str, cmp: Comparator, deadline: Option<NaiveDate>) -> TargetDraft {
    TargetDraft {
        metric: metric.into(),
        value,
        unit: unit.into(),
        cmp,
        deadline,
        yearly: false,
        span: (0, 0),
        text: format!("{value}{unit}"),
        baseline: None,
    }
}

pub fn task(key: &str, title: &str, text: &str, units: &[&str], targets: Vec<TargetDraft>) -> TaskDraft {
    TaskDraft {
        key: key.into(),
        section_path: vec!["一、稳增长".into()],
        title: title.into(),
        text: text.into(),
        span: (0, text.chars().count()),
        units: units.iter().map(|u| u.to_string()).collect(),
        deadline: None,
        targets,
    }
}

/// A small plan for 2024: three tasks with targets, one milestone task.
pub fn plan_2024(hash: &str) -> DocumentDraft {
    let tasks = vec![
        task(
            "t1",
            "扩大有效投资",
            "扩大有效投资。全年完成投资900亿元以上。",
            &["市发展改革委", "市财政局"],
            vec![target("完成投资", 900.0, "亿元", Comparator::AtLeast, Some(d(2024, 12, 31)))],
        ),
        task(
            "t2",
            "强化工业运行调度",
            "强化工业运行调度。上半年规上工业增加值增速达到6.5%。",
            &["市工业和信息化局"],
            vec![target("规上工业增加值增速", 6.5, "%", Comparator::AtLeast, Some(d(2024, 6, 30)))],
        ),
        task(
            "t3",
            "培育市场主体",
            "培育市场主体。新增规上工业企业180家以上，培育头雁企业3家以上。",
            &["市工信局", "市统计局"],
            vec![
                target("新增规上工业企业", 180.0, "家", Comparator::AtLeast, None),
                target("培育头雁企业", 3.0, "家", Comparator::AtLeast, None),
            ],
        ),
        task("t4", "完善实验室建设体系", "完善实验室建设体系。形成一套完善的运行机制。", &["市科学技术局"], vec![]),
    ];
    DocumentDraft {
        source: "plan.txt".into(),
        title: Some("2024年重点工作安排".into()),
        year: Some(2024),
        period_end: Some(d(2024, 12, 31)),
        text: tasks.iter().map(|t| t.text.clone()).collect::<Vec<_>>().join("\n"),
        content_hash: hash.into(),
        sections: vec![SectionDraft { level: 0, heading: "一、稳增长".into(), span: (0, 5) }],
        tasks,
    }
}
