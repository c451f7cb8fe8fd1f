//! Extraction: plain text → document, sections, tasks, targets, deadlines, units.
//!
//! Pure and deterministic: no I/O, no clocks. Knowledge of policy language
//! lives in rule tables (see the `rules` modules), each row testable alone.
//!
//! The pipeline, one module per step:
//! 1. [`clean`]: a normalised char stream that maps back to input offsets;
//! 2. [`docinfo`]: title, 文号, plan year, plan period end;
//! 3. [`structure`]: headings, tasks (numbered measures, lead phrases), plain text;
//! 4. [`responsibility`]: 责任单位 lists and standing notes;
//! 5. [`quantity`] + [`targets`]: numbers with units → filters → comparator,
//!    metric, clause deadline ([`deadline`]); [`tables`] for indicator tables.

pub mod clean;
pub mod deadline;
pub mod docinfo;
pub mod model;
pub mod numbers;
pub mod quantity;
pub mod responsibility;
pub mod rules;
pub mod structure;
pub mod tables;
pub mod targets;
pub mod task_tables;

pub use model::{Comparator, Deadline, DocumentInfo, Extraction, Section, Target, Task};

use clean::Clean;
use luoshi_text::PlainText;
use structure::{BlockKind, Layout};

/// What the caller knows beyond the text.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// File name, echoed in [`DocumentInfo::source`].
    pub source: String,
    /// The plan year, when the user gives it (`--year`); overrides inference.
    pub year: Option<i32>,
}

/// Extracts every commitment of one document.
pub fn extract(input: &PlainText, options: &Options) -> Extraction {
    let c = Clean::new(&input.text);
    let document = docinfo::infer(&c, options.year, &options.source);
    let plan_year = document.year;
    let period_end = document.period_end.unwrap_or(Deadline::new(plan_year, 12, 31));

    // A .txt keeps its tables as tab-separated lines: read them as tables too.
    let found_tables;
    let all_tables = if input.tables.is_empty() && input.text.contains('\t') {
        found_tables = tables::from_tab_lines(&input.text);
        &found_tables
    } else {
        &input.tables
    };
    // Task lists (分工方案) give one task per row; the others may be indicator tables.
    let (task_lists, other_tables): (Vec<_>, Vec<_>) =
        all_tables.iter().cloned().partition(task_tables::is_task_table);
    let rows = task_tables::rows(&c, &task_lists, |o| to_clean(&c, o));
    let task_list_spans: Vec<(usize, usize)> =
        task_lists.iter().map(|t| (to_clean(&c, t.span.start), to_clean(&c, t.span.end))).collect();
    let layout = structure::layout(&c, plan_year, &task_list_spans);

    let duties: Vec<responsibility::Responsibility> =
        layout.blocks.iter().map(|b| responsibility::parse(&c, b.start, b.end)).collect();
    let indicator_input = PlainText { text: String::new(), tables: other_tables };
    let (table_targets, table_spans) = tables::extract(&indicator_input, plan_year, period_end);

    let mut excluded = targets::quoted_ranges(&c);
    excluded.extend(rows.iter().flat_map(|r| r.quiet.iter().copied()));
    excluded.extend(duties.iter().flat_map(|d| d.ranges.iter().copied()));
    excluded.extend(layout.blocks.iter().filter(|b| b.history).map(|b| (b.start, b.end)));
    excluded.extend(table_spans.iter().map(|s| (to_clean(&c, s.start), to_clean(&c, s.end))));
    let excluded = merge(excluded);

    let ctx = targets::Context { c: &c, excluded: &excluded, plan_year };
    let found = targets::scan(&ctx, 0, c.len());

    // Targets by block, or by task-list row.
    let mut by_block: Vec<Vec<Target>> = vec![Vec::new(); layout.blocks.len()];
    let mut by_row: Vec<Vec<Target>> = vec![Vec::new(); rows.len()];
    for t in found {
        if let Some(r) = row_at(&rows, t.q.start) {
            let deadline = targets::resolve_deadline(t.when, t.yearly, rows[r].deadline, plan_year, period_end);
            by_row[r].push(target(&c, t, deadline));
            continue;
        }
        let Some(b) = layout.block_at(t.q.start) else { continue };
        let task_when = task_deadline(&c, &layout, b).or(duties[b].deadline);
        let deadline = targets::resolve_deadline(t.when, t.yearly, task_when, plan_year, period_end);
        by_block[b].push(target(&c, t, deadline));
    }
    for t in table_targets {
        // A reader's table must point at its own text; trust only what checks out.
        if t.span.end > c.orig_len || c.source_string(t.span) != t.text {
            continue;
        }
        if let Some(b) = layout.block_at(to_clean(&c, t.span.start)) {
            by_block[b].push(t);
        }
    }

    let mut tasks = Vec::new();
    let mut standing: Vec<String> = Vec::new();
    for (b, block) in layout.blocks.iter().enumerate() {
        standing.extend(duties[b].standing.iter().filter(|u| !standing.contains(u)).cloned().collect::<Vec<_>>());
        // A lead phrase in a review (综合实力显著提升。) reports, it commits nothing.
        let is_task = matches!(block.kind, BlockKind::Task { .. }) && !block.history;
        let mut block_targets = std::mem::take(&mut by_block[b]);
        if !is_task && block_targets.is_empty() {
            continue;
        }
        block_targets.sort_by_key(|t| t.span.start);
        let mut units = duties[b].units.clone();
        for u in &standing {
            if !units.contains(u) {
                units.push(u.clone());
            }
        }
        tasks.push(Task {
            id: String::new(),
            section: section_path(&c, &layout, block.heading),
            title: title(&c, block),
            span: c.span(block.start, block.end),
            units,
            targets: block_targets,
        });
    }
    for (row, row_targets) in rows.iter().zip(by_row) {
        let heading = layout.headings.iter().rposition(|h| h.start < row.start);
        tasks.push(Task {
            id: String::new(),
            section: section_path(&c, &layout, heading),
            title: c.raw_string(row.title.0, row.title.1),
            span: c.span(row.start, row.end),
            units: row.units.clone(),
            targets: row_targets,
        });
    }
    tasks.sort_by_key(|t| t.span.start);
    for (k, task) in tasks.iter_mut().enumerate() {
        task.id = format!("t{}", k + 1);
    }

    let sections = sections(&c, &layout);
    Extraction { document, sections, tasks }
}

fn target(c: &Clean, t: targets::FoundTarget, deadline: Deadline) -> Target {
    Target {
        metric: t.metric,
        value: t.q.value,
        unit: t.q.unit.clone(),
        cmp: t.cmp,
        deadline: Some(deadline),
        yearly: t.yearly,
        span: c.span(t.q.start, t.q.end),
        text: c.source_string(c.span(t.q.start, t.q.end)),
    }
}

/// The task-list row holding clean offset `pos` (rows are in text order).
fn row_at(rows: &[task_tables::RowTask], pos: usize) -> Option<usize> {
    let i = rows.partition_point(|r| r.start <= pos);
    (i > 0 && pos < rows[i - 1].end).then(|| i - 1)
}

/// Clean index of an input offset.
fn to_clean(c: &Clean, orig: usize) -> usize {
    c.orig.partition_point(|&o| (o as usize) < orig)
}

fn merge(mut ranges: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    ranges.retain(|r| r.0 < r.1);
    ranges.sort_unstable();
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match out.last_mut() {
            Some(last) if r.0 <= last.1 => last.1 = last.1.max(r.1),
            _ => out.push(r),
        }
    }
    out
}

/// A deadline written in the task's own title (its lead phrase); else the
/// one its 责任单位 bracket gives (the caller falls back to that).
fn task_deadline(c: &Clean, layout: &Layout, b: usize) -> Option<deadline::When> {
    match layout.blocks[b].kind {
        BlockKind::Task { title_start, title_end } => {
            deadline::find_all(c, title_start, title_end).last().map(|f| f.when)
        }
        BlockKind::Plain => None,
    }
}

fn title(c: &Clean, block: &structure::Block) -> String {
    match block.kind {
        BlockKind::Task { title_start, title_end } => c.raw_string(title_start, title_end),
        BlockKind::Plain => {
            // Text that belongs to no lead phrase: its first clause names it.
            let end = (block.start..block.end)
                .find(|&i| matches!(c.at(i), ',' | '。' | ';' | ':' | '\n'))
                .unwrap_or(block.end)
                .min(block.start + 30);
            c.raw_string(block.start, end)
        }
    }
}

fn section_path(c: &Clean, layout: &Layout, heading: Option<usize>) -> Vec<String> {
    layout.path(heading).into_iter().map(|h| c.raw_string(layout.headings[h].start, layout.headings[h].end)).collect()
}

fn sections(c: &Clean, layout: &Layout) -> Vec<Section> {
    let mut kinds: Vec<_> = layout.headings.iter().map(|h| h.kind).collect();
    kinds.sort();
    kinds.dedup();
    layout
        .headings
        .iter()
        .map(|h| Section {
            level: kinds.iter().position(|k| *k == h.kind).unwrap_or(0),
            heading: c.raw_string(h.start, h.end),
            span: c.span(h.start, h.end),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Extraction {
        extract(&PlainText::from_text(text), &Options { source: "x.txt".into(), year: None })
    }

    #[test]
    fn measure_with_units_and_targets() {
        let text = "许政办〔2024〕4号\n攻坚二季度确保“双过半”若干措施\n二、提升产业发展能级\n5.强化工业运行调度。确保重点行业运行平稳,上半年全市规上工业增加值增速达到6.5%。力争全年新增企业180家以上。(责任单位:市工业和信息化局)";
        let x = run(text);
        assert_eq!(x.document.year, Some(2024));
        assert_eq!(x.tasks.len(), 1);
        let t = &x.tasks[0];
        assert_eq!(t.title, "强化工业运行调度");
        assert_eq!(t.section, vec!["二、提升产业发展能级"]);
        assert_eq!(t.units, vec!["市工业和信息化局"]);
        assert_eq!(t.targets.len(), 2);
        assert_eq!(t.targets[0].text, "6.5%");
        assert_eq!(t.targets[0].deadline.unwrap().to_string(), "2024-06-30");
        assert_eq!(t.targets[1].deadline.unwrap().to_string(), "2024-12-31");
        let chars: Vec<char> = text.chars().collect();
        let s = t.targets[0].span;
        assert_eq!(chars[s.start..s.end].iter().collect::<String>(), "6.5%");
    }

    #[test]
    fn year_override_and_unknown_year() {
        let text = "做强先进制造业。力争全年完成投资287.6亿元。";
        let x = run(text);
        assert_eq!(x.tasks[0].targets[0].deadline.unwrap().to_string(), "--12-31");
        let x = extract(&PlainText::from_text(text), &Options { source: "x".into(), year: Some(2030) });
        assert_eq!(x.tasks[0].targets[0].deadline.unwrap().to_string(), "2030-12-31");
    }

    #[test]
    fn standing_note_applies_to_later_tasks() {
        let text = "1.甲任务。内容。(责任单位:市甲局)\n2.乙任务。内容。(责任单位:市乙局。以下均需各县〔市、区〕政府负责,不再列出)\n3.丙任务。内容。(责任单位:市丙局)";
        let x = run(text);
        assert_eq!(x.tasks[0].units, vec!["市甲局"]);
        assert_eq!(x.tasks[1].units, vec!["市乙局", "各县〔市、区〕政府"]);
        assert_eq!(x.tasks[2].units, vec!["市丙局", "各县〔市、区〕政府"]);
    }

    #[test]
    fn empty_and_numberless_text() {
        assert!(run("").tasks.is_empty());
        assert!(run("这是一段没有任何数字的文字。").tasks.iter().all(|t| t.targets.is_empty()));
    }
}
