//! 版本比对: when a document is ingested again (a revised plan), pair its
//! tasks with the stored ones so progress history follows the task, and say
//! what changed.

use std::collections::{HashMap, VecDeque};
use std::fmt::Write as _;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::{TargetDraft, TaskDraft};
use crate::units::canonical_unit_name;

/// Below this text similarity (Dice over character bigrams) two tasks with
/// different titles are taken as different tasks.
pub const MATCH_THRESHOLD: f64 = 0.6;

/// One side of a pairing: where the task stands and what it is called.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskRef {
    /// Index into the slice given to `match_tasks`.
    pub index: usize,
    pub key: String,
    pub title: String,
}

/// What changed between two versions of a task.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "field")]
pub enum TaskChange {
    Title { old: String, new: String },
    Section { old: Vec<String>, new: Vec<String> },
    /// The wording changed; `similarity` in `[0, 1]`.
    Text { similarity: f64 },
    Units { old: Vec<String>, new: Vec<String> },
    Deadline { old: Option<NaiveDate>, new: Option<NaiveDate> },
    /// A target added, removed or changed, described as `metric value unit`.
    Target { old: Option<String>, new: Option<String> },
}

/// A task found in both versions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TaskPair {
    pub old: TaskRef,
    pub new: TaskRef,
    /// Empty when the task is unchanged.
    pub changes: Vec<TaskChange>,
}

impl TaskPair {
    pub fn is_unchanged(&self) -> bool {
        self.changes.is_empty()
    }
}

/// The pairing of an old and a new version of a document's tasks.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TaskDiff {
    /// Tasks in both, in the new document's order.
    pub pairs: Vec<TaskPair>,
    /// Only in the new version.
    pub added: Vec<TaskRef>,
    /// Only in the old version.
    pub removed: Vec<TaskRef>,
}

impl TaskDiff {
    pub fn unchanged(&self) -> impl Iterator<Item = &TaskPair> {
        self.pairs.iter().filter(|p| p.is_unchanged())
    }

    pub fn modified(&self) -> impl Iterator<Item = &TaskPair> {
        self.pairs.iter().filter(|p| !p.is_unchanged())
    }

    /// Whether the two versions hold the same tasks, unchanged.
    pub fn is_identical(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.pairs.iter().all(TaskPair::is_unchanged)
    }

    /// A summary a clerk reads: counts, then one line per added, removed
    /// and modified task.
    pub fn summary(&self) -> String {
        let mut out = format!(
            "新增任务{}项，删除{}项，修改{}项，未变{}项",
            self.added.len(),
            self.removed.len(),
            self.modified().count(),
            self.unchanged().count()
        );
        for task in &self.added {
            let _ = write!(out, "\n新增：{} {}", task.key, task.title);
        }
        for task in &self.removed {
            let _ = write!(out, "\n删除：{} {}", task.key, task.title);
        }
        for pair in self.modified() {
            let changes: Vec<String> = pair.changes.iter().map(describe_change).collect();
            let _ = write!(out, "\n修改：{} {}（{}）", pair.new.key, pair.new.title, changes.join("；"));
        }
        out
    }
}

fn describe_change(change: &TaskChange) -> String {
    let date = |d: &Option<NaiveDate>| d.map_or("无".to_string(), |d| d.to_string());
    match change {
        TaskChange::Title { old, new } => format!("标题：{old} → {new}"),
        TaskChange::Section { old, new } => format!("章节：{} → {}", old.join("/"), new.join("/")),
        TaskChange::Text { similarity } => format!("内容改动，相似度{:.0}%", similarity * 100.0),
        TaskChange::Units { old, new } => format!("责任单位：{} → {}", old.join("、"), new.join("、")),
        TaskChange::Deadline { old, new } => format!("时限：{} → {}", date(old), date(new)),
        TaskChange::Target { old: None, new: Some(new) } => format!("新增目标：{new}"),
        TaskChange::Target { old: Some(old), new: None } => format!("删除目标：{old}"),
        TaskChange::Target { old, new } => {
            format!("目标：{} → {}", old.as_deref().unwrap_or(""), new.as_deref().unwrap_or(""))
        }
    }
}

/// Pairs the tasks of two versions: first by title and section path, then
/// by title alone (a task moved to another section), then by text
/// similarity (a retitled task), greedily from the most similar pair down.
pub fn match_tasks(old: &[TaskDraft], new: &[TaskDraft]) -> TaskDiff {
    let mut old_taken = vec![false; old.len()];
    let mut new_match: Vec<Option<usize>> = vec![None; new.len()];

    // Exact pairings, in document order: first the same title in the same
    // section, then the same title anywhere (a moved task). Each key maps to
    // its old tasks in order, so duplicates pair first with first.
    let old_titles: Vec<String> = old.iter().map(|t| squash(&t.title)).collect();
    let new_titles: Vec<String> = new.iter().map(|t| squash(&t.title)).collect();
    let mut by_place: HashMap<(&str, &[String]), VecDeque<usize>> = HashMap::new();
    let mut by_title: HashMap<&str, VecDeque<usize>> = HashMap::new();
    for (oi, o) in old.iter().enumerate() {
        by_place.entry((old_titles[oi].as_str(), o.section_path.as_slice())).or_default().push_back(oi);
        if !old_titles[oi].is_empty() {
            by_title.entry(old_titles[oi].as_str()).or_default().push_back(oi);
        }
    }
    for (ni, n) in new.iter().enumerate() {
        if let Some(queue) = by_place.get_mut(&(new_titles[ni].as_str(), n.section_path.as_slice())) {
            new_match[ni] = take_first_free(queue, &mut old_taken);
        }
    }
    for ni in 0..new.len() {
        if new_match[ni].is_none()
            && let Some(queue) = by_title.get_mut(new_titles[ni].as_str())
        {
            new_match[ni] = take_first_free(queue, &mut old_taken);
        }
    }

    let old_grams: Vec<Bigrams> = old.iter().map(|t| bigrams(&t.text)).collect();
    let new_grams: Vec<Bigrams> = new.iter().map(|t| bigrams(&t.text)).collect();
    let mut candidates: Vec<(f64, usize, usize)> = Vec::new();
    for (ni, ng) in new_grams.iter().enumerate().filter(|(ni, _)| new_match[*ni].is_none()) {
        for (oi, og) in old_grams.iter().enumerate().filter(|(oi, _)| !old_taken[*oi]) {
            // Dice can reach at most 2·min/(a+b): skip pairs of very unequal length.
            let (a, b) = (og.total as f64, ng.total as f64);
            if a + b > 0.0 && 2.0 * a.min(b) / (a + b) < MATCH_THRESHOLD {
                continue;
            }
            let similarity = dice(og, ng);
            if similarity >= MATCH_THRESHOLD {
                candidates.push((similarity, oi, ni));
            }
        }
    }
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    for (_, oi, ni) in candidates {
        if !old_taken[oi] && new_match[ni].is_none() {
            old_taken[oi] = true;
            new_match[ni] = Some(oi);
        }
    }

    let mut diff = TaskDiff::default();
    for (ni, n) in new.iter().enumerate() {
        match new_match[ni] {
            Some(oi) => diff.pairs.push(TaskPair {
                old: task_ref(oi, &old[oi]),
                new: task_ref(ni, n),
                changes: task_changes(&old[oi], n, &old_grams[oi], &new_grams[ni]),
            }),
            None => diff.added.push(task_ref(ni, n)),
        }
    }
    diff.removed = old.iter().enumerate().filter(|(oi, _)| !old_taken[*oi]).map(|(oi, o)| task_ref(oi, o)).collect();
    diff
}

fn task_ref(index: usize, task: &TaskDraft) -> TaskRef {
    TaskRef { index, key: task.key.clone(), title: task.title.clone() }
}

fn task_changes(old: &TaskDraft, new: &TaskDraft, old_grams: &Bigrams, new_grams: &Bigrams) -> Vec<TaskChange> {
    let mut changes = Vec::new();
    if squash(&old.title) != squash(&new.title) {
        changes.push(TaskChange::Title { old: old.title.clone(), new: new.title.clone() });
    }
    if old.section_path != new.section_path {
        changes.push(TaskChange::Section { old: old.section_path.clone(), new: new.section_path.clone() });
    }
    if squash(&old.text) != squash(&new.text) {
        changes.push(TaskChange::Text { similarity: dice(old_grams, new_grams) });
    }
    let units = |t: &TaskDraft| t.units.iter().map(|u| canonical_unit_name(u)).collect::<Vec<_>>();
    if units(old) != units(new) {
        changes.push(TaskChange::Units { old: old.units.clone(), new: new.units.clone() });
    }
    if old.deadline != new.deadline {
        changes.push(TaskChange::Deadline { old: old.deadline, new: new.deadline });
    }
    changes.extend(target_changes(&old.targets, &new.targets));
    changes
}

/// Targets pair by metric (then by position among equal metrics); a pair
/// whose value, unit, comparator or deadline differs is a change.
fn target_changes(old: &[TargetDraft], new: &[TargetDraft]) -> Vec<TaskChange> {
    let mut taken = vec![false; old.len()];
    let mut changes = Vec::new();
    for n in new {
        let found = (0..old.len()).find(|&i| !taken[i] && squash(&old[i].metric) == squash(&n.metric));
        match found {
            Some(i) => {
                taken[i] = true;
                let o = &old[i];
                if o.value != n.value || o.unit != n.unit || o.cmp != n.cmp || o.deadline != n.deadline || o.yearly != n.yearly {
                    changes.push(TaskChange::Target { old: Some(describe_target(o)), new: Some(describe_target(n)) });
                }
            }
            None => changes.push(TaskChange::Target { old: None, new: Some(describe_target(n)) }),
        }
    }
    for (_, o) in old.iter().enumerate().filter(|(i, _)| !taken[*i]) {
        changes.push(TaskChange::Target { old: Some(describe_target(o)), new: None });
    }
    changes
}

/// `规上工业增加值增速 >= 6.5% （2024-06-30）`
fn describe_target(t: &TargetDraft) -> String {
    let deadline = t.deadline.map_or(String::new(), |d| format!("（{d}）"));
    format!("{} {} {}{}{}", t.metric, t.cmp.symbol(), t.value, t.unit, deadline)
}

/// Text without whitespace, for comparisons that must ignore line breaks.
fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// A text's character bigrams as a sorted multiset, for merge-joins.
struct Bigrams {
    counts: Vec<((char, char), u32)>,
    total: u32,
}

fn bigrams(text: &str) -> Bigrams {
    let chars: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    let mut grams: Vec<(char, char)> = chars.windows(2).map(|pair| (pair[0], pair[1])).collect();
    grams.sort_unstable();
    let mut counts: Vec<((char, char), u32)> = Vec::new();
    for gram in grams {
        match counts.last_mut() {
            Some((last, n)) if *last == gram => *n += 1,
            _ => counts.push((gram, 1)),
        }
    }
    let total = counts.iter().map(|(_, n)| n).sum();
    Bigrams { counts, total }
}

/// Dice coefficient over bigram multisets: 1 for equal texts, 0 for none shared.
fn dice(a: &Bigrams, b: &Bigrams) -> f64 {
    let total = a.total + b.total;
    if total == 0 {
        return 1.0;
    }
    let (mut i, mut j, mut shared) = (0, 0, 0u32);
    while i < a.counts.len() && j < b.counts.len() {
        let ((ga, na), (gb, nb)) = (a.counts[i], b.counts[j]);
        match ga.cmp(&gb) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += na.min(nb);
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * f64::from(shared) / f64::from(total)
}

/// The first old task in `queue` not yet paired, marked as paired.
fn take_first_free(queue: &mut VecDeque<usize>, taken: &mut [bool]) -> Option<usize> {
    while let Some(oi) = queue.pop_front() {
        if !taken[oi] {
            taken[oi] = true;
            return Some(oi);
        }
    }
    None
}

/// Text similarity of two tasks in `[0, 1]` (Dice over character bigrams).
pub fn text_similarity(a: &str, b: &str) -> f64 {
    dice(&bigrams(a), &bigrams(b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Comparator;

    fn task(key: &str, section: &str, title: &str, text: &str, units: &[&str]) -> TaskDraft {
        TaskDraft {
            key: key.into(),
            section_path: vec![section.into()],
            title: title.into(),
            text: text.into(),
            units: units.iter().map(|u| u.to_string()).collect(),
            ..TaskDraft::default()
        }
    }

    fn old_version() -> Vec<TaskDraft> {
        vec![
            task(
                "t1",
                "一、提升产业发展能级",
                "强化工业运行调度",
                "强化工业运行调度。建立重点企业联系制度，规上工业增加值增速达到6.5%。",
                &["市工业和信息化局"],
            ),
            task(
                "t2",
                "一、提升产业发展能级",
                "加快项目建设",
                "加快项目建设。全年完成投资900亿元以上，新开工项目100个。",
                &["市发展和改革委员会"],
            ),
            task("t3", "二、扩大有效需求", "促进消费回升", "促进消费回升。开展消费季活动，社会消费品零售总额增长7%。", &["市商务局"]),
            task("t4", "二、扩大有效需求", "稳定外贸", "稳定外贸。支持企业参加境外展会。", &["市商务局"]),
        ]
    }

    #[test]
    fn identical_versions_pair_everything_unchanged() {
        let diff = match_tasks(&old_version(), &old_version());
        assert!(diff.is_identical());
        assert_eq!(diff.pairs.len(), 4);
        assert_eq!(diff.summary(), "新增任务0项，删除0项，修改0项，未变4项");
    }

    #[test]
    fn a_revised_version_is_paired_and_described() {
        let mut new = old_version();
        // t1 moved to another section, unit written as an abbreviation (no change).
        new[0].section_path = vec!["三、推动制造业高质量发展".into()];
        new[0].units = vec!["市工信局".into()];
        // t2 retitled with nearly the same text, and its units changed.
        new[1].title = "全力推进项目建设".into();
        new[1].text = "全力推进项目建设。全年完成投资900亿元以上，新开工项目100个。".into();
        new[1].units = vec!["市发展改革委".into(), "市住建局".into()];
        // t3 gets a target and a deadline.
        new[2].deadline = NaiveDate::from_ymd_opt(2024, 12, 31);
        new[2].targets.push(TargetDraft {
            metric: "社会消费品零售总额增长".into(),
            value: 7.0,
            unit: "%".into(),
            cmp: Comparator::AtLeast,
            ..TargetDraft::default()
        });
        // t4 removed; a new task added.
        new.remove(3);
        new.push(task("t9", "二、扩大有效需求", "发展夜间经济", "发展夜间经济。打造夜间消费街区5个。", &["市商务局"]));

        let diff = match_tasks(&old_version(), &new);
        let paired: Vec<(&str, &str)> = diff.pairs.iter().map(|p| (p.old.key.as_str(), p.new.key.as_str())).collect();
        assert_eq!(paired, [("t1", "t1"), ("t2", "t2"), ("t3", "t3")]);
        assert_eq!(diff.added.iter().map(|t| t.key.as_str()).collect::<Vec<_>>(), ["t9"]);
        assert_eq!(diff.removed.iter().map(|t| t.key.as_str()).collect::<Vec<_>>(), ["t4"]);

        assert!(matches!(diff.pairs[0].changes.as_slice(), [TaskChange::Section { .. }]));
        let t2 = &diff.pairs[1].changes;
        assert!(t2.iter().any(|c| matches!(c, TaskChange::Title { new, .. } if new == "全力推进项目建设")));
        assert!(t2.iter().any(|c| matches!(c, TaskChange::Units { .. })));
        assert!(t2.iter().any(|c| matches!(c, TaskChange::Text { similarity } if *similarity > MATCH_THRESHOLD)));
        let t3 = &diff.pairs[2].changes;
        assert!(t3.iter().any(|c| matches!(c, TaskChange::Deadline { old: None, new: Some(_) })));
        assert!(t3.iter().any(|c| matches!(c, TaskChange::Target { old: None, new: Some(_) })));

        let summary = diff.summary();
        assert!(summary.starts_with("新增任务1项，删除1项，修改3项，未变0项"), "{summary}");
        assert!(summary.contains("新增：t9 发展夜间经济"), "{summary}");
        assert!(summary.contains("删除：t4 稳定外贸"), "{summary}");
        assert!(summary.contains("标题：加快项目建设 → 全力推进项目建设"), "{summary}");
        assert!(summary.contains("责任单位：市发展和改革委员会 → 市发展改革委、市住建局"), "{summary}");
        assert!(summary.contains("新增目标：社会消费品零售总额增长 >= 7%"), "{summary}");
    }

    #[test]
    fn a_changed_target_value_is_a_change() {
        let old = vec![TaskDraft {
            targets: vec![TargetDraft { metric: "年度投资".into(), value: 900.0, unit: "亿元".into(), ..TargetDraft::default() }],
            ..task("t1", "一", "加快项目建设", "加快项目建设。", &[])
        }];
        let mut new = old.clone();
        new[0].targets[0].value = 1000.0;
        let diff = match_tasks(&old, &new);
        assert_eq!(
            diff.pairs[0].changes,
            [TaskChange::Target { old: Some("年度投资 >= 900亿元".into()), new: Some("年度投资 >= 1000亿元".into()) }]
        );
    }

    #[test]
    fn unrelated_tasks_are_not_paired() {
        let old = vec![task("t1", "一", "强化工业运行调度", "强化工业运行调度。建立重点企业联系制度。", &[])];
        let new = vec![task("t1", "一", "优化营商环境", "优化营商环境。推进一网通办。", &[])];
        let diff = match_tasks(&old, &new);
        assert!(diff.pairs.is_empty());
        assert_eq!((diff.added.len(), diff.removed.len()), (1, 1));
    }

    #[test]
    fn duplicate_titles_pair_in_order() {
        let old = vec![
            task("t1", "一", "加强组织领导", "加强组织领导。成立工作专班。", &[]),
            task("t2", "二", "加强组织领导", "加强组织领导。压实责任。", &[]),
        ];
        let diff = match_tasks(&old, &old);
        assert!(diff.is_identical());
        assert_eq!(diff.pairs[1].old.key, "t2");
    }

    #[test]
    fn text_similarity_bounds() {
        assert_eq!(text_similarity("加快项目建设", "加快项目建设"), 1.0);
        assert_eq!(text_similarity("加快项目", "优化营商"), 0.0);
        assert_eq!(text_similarity("", ""), 1.0);
        // Whitespace and line breaks do not count.
        assert_eq!(text_similarity("加快 项目\n建设", "加快项目建设"), 1.0);
    }
}
