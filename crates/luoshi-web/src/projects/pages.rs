//! The project pages: list, project, 三个一批 dashboard, and the forms that
//! file, accept and return 月调度 reports.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use luoshi_ledger::Action;
use luoshi_ledger::projects::{GroupBy, ProjectFilter, Stage, year_progress};
use luoshi_store::{NewProjectReport, ProjectLine, Review};

use super::{ProjectQuery, charts, may_on_project, visible_lines};
use crate::auth::PageUser;
use crate::chrome::{Chrome, flash_from_query};
use crate::error::{PageResult, WebError};
use crate::pages::task::store_error;
use crate::pages::{Choice, date_or_dash, number, render, url_encode};
use crate::state::AppState;

fn money(value: Option<f64>) -> String {
    value.map(|v| number((v * 100.0).round() / 100.0)).unwrap_or_else(|| "—".into())
}

fn percent(value: Option<f64>) -> String {
    value.map_or_else(|| "—".to_string(), |v| format!("{:.1}%", v * 100.0))
}

pub struct Row {
    pub id: i64,
    pub name: String,
    pub county: String,
    pub kind: String,
    pub unit: String,
    pub stage: &'static str,
    pub planned: String,
    pub completed: String,
    pub completion: String,
    pub light: &'static str,
    pub light_label: &'static str,
    pub report_as_of: String,
    pub open_problems: i64,
}

fn row(line: &ProjectLine) -> Row {
    Row {
        id: line.project.id,
        name: line.project.name.clone(),
        county: line.project.county.clone(),
        kind: line.project.kind.clone(),
        unit: line.project.responsible_unit.clone(),
        stage: line.stage.label(),
        planned: money(line.project.annual_planned_investment),
        completed: money(line.completed_investment),
        completion: percent(line.investment_completion),
        light: line.light.name(),
        light_label: line.light.label(),
        report_as_of: date_or_dash(line.report_as_of),
        open_problems: line.open_problems,
    }
}

/// The distinct values of a field, as `<select>` options with "全部" first.
fn choices(values: impl Iterator<Item = String>, selected: &Option<String>) -> Vec<Choice> {
    let distinct: BTreeSet<String> = values.filter(|v| !v.is_empty()).collect();
    let selected = selected.as_deref().unwrap_or("");
    std::iter::once(Choice::new("", "全部", selected.is_empty()))
        .chain(distinct.into_iter().map(|v| Choice::new(&v, v.clone(), v == selected)))
        .collect()
}

pub struct ListView {
    pub as_of: String,
    pub rows: Vec<Row>,
    pub counties: Vec<Choice>,
    pub kinds: Vec<Choice>,
    pub units: Vec<Choice>,
    pub stages: Vec<Choice>,
    pub query_string: String,
    pub may_dashboard: bool,
}

#[derive(Template)]
#[template(
    ext = "html",
    source = r#"{% extends "base.html" %}
{% block title %}重点项目{% endblock %}
{% block content %}
<h1>重点项目 <span class="muted small">截至 {{ view.as_of }}，共 {{ view.rows.len() }} 个</span></h1>
<form method="get" action="/projects" class="filters panel">
  <label>县区 <select name="county">{% for c in view.counties %}<option value="{{ c.value }}"{% if c.selected %} selected{% endif %}>{{ c.label }}</option>{% endfor %}</select></label>
  <label>类别 <select name="kind">{% for c in view.kinds %}<option value="{{ c.value }}"{% if c.selected %} selected{% endif %}>{{ c.label }}</option>{% endfor %}</select></label>
  <label>包联单位 <select name="unit">{% for c in view.units %}<option value="{{ c.value }}"{% if c.selected %} selected{% endif %}>{{ c.label }}</option>{% endfor %}</select></label>
  <label>阶段 <select name="stage">{% for c in view.stages %}<option value="{{ c.value }}"{% if c.selected %} selected{% endif %}>{{ c.label }}</option>{% endfor %}</select></label>
  <label>截至 <input type="date" name="as_of" value="{{ view.as_of }}"></label>
  <button class="btn" type="submit">筛选</button>
  {% if view.may_dashboard %}<a class="btn-plain" href="/projects/pipeline?{{ view.query_string }}">三个一批总览</a>
  <a class="btn-plain" href="/projects/dispatch.xlsx?{{ view.query_string }}">导出月调度表</a>{% endif %}
</form>
{% if view.rows.is_empty() %}<p class="muted">没有符合条件的项目。</p>{% else %}
<table id="projects">
  <thead><tr><th class="num">编号</th><th>项目名称</th><th>县区</th><th>类别</th><th>包联单位</th><th>阶段</th><th class="num">年度计划（万元）</th><th class="num">累计完成（万元）</th><th class="num">完成率</th><th>最近报送</th><th class="num">待解决问题</th><th>灯</th></tr></thead>
  <tbody>{% for r in view.rows %}
  <tr data-project="{{ r.id }}"><td class="num">{{ r.id }}</td><td><a href="/projects/{{ r.id }}?as_of={{ view.as_of }}">{{ r.name }}</a></td><td>{{ r.county }}</td><td>{{ r.kind }}</td><td class="small">{{ r.unit }}</td><td class="stage">{{ r.stage }}</td><td class="num">{{ r.planned }}</td><td class="num">{{ r.completed }}</td><td class="num">{{ r.completion }}</td><td class="nowrap small">{{ r.report_as_of }}</td><td class="num">{{ r.open_problems }}</td><td class="nowrap"><span class="light light-{{ r.light }}"></span>{{ r.light_label }}</td></tr>
  {% endfor %}</tbody>
</table>
{% endif %}
{% endblock %}"#
)]
struct ListPage {
    chrome: Chrome,
    view: ListView,
}

fn query_string(query: &ProjectQuery, as_of: NaiveDate) -> String {
    let pairs = [("county", &query.county), ("kind", &query.kind), ("unit", &query.unit), ("stage", &query.stage)];
    let mut parts: Vec<String> = pairs
        .iter()
        .filter_map(|(k, v)| v.as_ref().filter(|v| !v.trim().is_empty()).map(|v| format!("{k}={}", url_encode(v.trim()))))
        .collect();
    parts.push(format!("as_of={as_of}"));
    parts.join("&")
}

pub async fn list(State(state): State<Arc<AppState>>, PageUser(user): PageUser, Query(query): Query<ProjectQuery>) -> PageResult<Html<String>> {
    let as_of = query.as_of(&state)?;
    let lines = visible_lines(&state, &user, &query, as_of).await?;
    // The options come from every project the user may see, not just the filtered ones.
    let all = visible_lines(&state, &user, &ProjectQuery::default(), as_of).await?;
    let stage_selected = query.stage()?.map(|s| s.name().to_string());
    let stages = std::iter::once(Choice::new("", "全部", stage_selected.is_none()))
        .chain(Stage::ALL.iter().map(|s| Choice::new(s.name(), s.label(), stage_selected.as_deref() == Some(s.name()))))
        .collect();
    let view = ListView {
        as_of: as_of.to_string(),
        rows: lines.iter().map(row).collect(),
        counties: choices(all.iter().map(|l| l.project.county.clone()), &query.county),
        kinds: choices(all.iter().map(|l| l.project.kind.clone()), &query.kind),
        units: choices(all.iter().map(|l| l.project.responsible_unit.clone()), &query.unit),
        stages,
        query_string: query_string(&query, as_of),
        may_dashboard: user.may_overall(Action::ReadDashboards),
    };
    Ok(Html(render(&ListPage { chrome: Chrome::new(&user, "/projects"), view })?))
}

pub struct Step {
    pub label: &'static str,
    pub date: String,
    pub reached: bool,
}

pub struct ReportLine {
    pub id: i64,
    pub as_of: String,
    pub completed: String,
    pub in_statistics: bool,
    pub stage: String,
    pub progress: String,
    pub problems: String,
    pub review: &'static str,
    pub returned_reason: String,
    pub superseded: bool,
    pub by: String,
    pub reviewable: bool,
}

pub struct ProblemLine {
    pub kind: &'static str,
    pub description: String,
    pub owner: String,
    pub raised_on: String,
    pub solved_on: String,
}

pub struct ProjectView {
    pub id: i64,
    pub name: String,
    pub as_of: String,
    pub facts: Vec<(&'static str, String)>,
    pub steps: Vec<Step>,
    pub chart: String,
    pub reports: Vec<ReportLine>,
    pub problems: Vec<ProblemLine>,
    pub may_report: bool,
    pub may_review: bool,
    pub stages: Vec<Choice>,
    pub light: &'static str,
    pub light_label: &'static str,
}

#[derive(Template)]
#[template(
    ext = "html",
    source = r#"{% extends "base.html" %}
{% block title %}{{ view.name }}{% endblock %}
{% block content %}
<h1>{{ view.name }} <span class="light light-{{ view.light }}"></span><span class="muted small">{{ view.light_label }} · 截至 {{ view.as_of }}</span></h1>
<div class="panel">
<table class="facts"><tbody>{% for (k, v) in view.facts %}<tr><th>{{ k }}</th><td>{{ v }}</td></tr>{% endfor %}</tbody></table>
</div>
<div class="panel">
<h2>推进阶段</h2>
<ol class="timeline" id="timeline">{% for s in view.steps %}<li class="{% if s.reached %}reached{% else %}pending{% endif %}"><strong>{{ s.label }}</strong> <span class="small">{{ s.date }}</span></li>{% endfor %}</ol>
</div>
<div class="panel">
<h2>累计完成投资（万元）</h2>
{{ view.chart|safe }}
<p class="muted small">柱：各次月调度累计完成投资；虚线：年度计划投资 × 序时进度。</p>
</div>
<div class="panel">
<h2>月调度报告</h2>
{% if view.reports.is_empty() %}<p class="muted">尚未报送。</p>{% else %}
<table id="reports"><thead><tr><th>截至</th><th class="num">累计完成（万元）</th><th>入库纳统</th><th>阶段</th><th>形象进度</th><th>存在问题</th><th>审核</th><th>报送人</th>{% if view.may_review %}<th>操作</th>{% endif %}</tr></thead>
<tbody>{% for r in view.reports %}<tr data-report="{{ r.id }}"{% if r.superseded %} class="muted"{% endif %}><td class="nowrap">{{ r.as_of }}</td><td class="num">{{ r.completed }}</td><td>{% if r.in_statistics %}是{% else %}否{% endif %}</td><td>{{ r.stage }}</td><td class="small">{{ r.progress }}</td><td class="small">{{ r.problems }}</td><td class="nowrap">{{ r.review }}{% if r.superseded %}（已更正）{% endif %}<div class="small">{{ r.returned_reason }}</div></td><td class="small">{{ r.by }}</td>
{% if view.may_review %}<td>{% if r.reviewable %}<div class="actions">
<form method="post" action="/projects/reports/{{ r.id }}/accept" class="inline"><input type="hidden" name="csrf" value="{{ chrome.csrf }}"><button class="btn" type="submit">采纳</button></form>
<form method="post" action="/projects/reports/{{ r.id }}/return" class="inline"><input type="hidden" name="csrf" value="{{ chrome.csrf }}"><input name="reason" placeholder="退回原因" required><button class="btn-plain" type="submit">退回</button></form>
</div>{% endif %}</td>{% endif %}</tr>{% endfor %}</tbody></table>
{% endif %}
</div>
<div class="panel">
<h2>要素保障问题</h2>
{% if view.problems.is_empty() %}<p class="muted">无。</p>{% else %}
<table id="problems"><thead><tr><th>类别</th><th>问题</th><th>协调解决单位</th><th>提出</th><th>解决</th></tr></thead>
<tbody>{% for p in view.problems %}<tr><td>{{ p.kind }}</td><td>{{ p.description }}</td><td>{{ p.owner }}</td><td class="nowrap">{{ p.raised_on }}</td><td class="nowrap">{{ p.solved_on }}</td></tr>{% endfor %}</tbody></table>
{% endif %}
</div>
{% if view.may_report %}
<div class="panel">
<h2>报送本月调度</h2>
<form method="post" action="/projects/{{ view.id }}/report" class="stack" id="report-form">
  <input type="hidden" name="csrf" value="{{ chrome.csrf }}">
  <label>截至日期 <input type="date" name="as_of" value="{{ view.as_of }}" required></label>
  <label>年度累计完成投资（万元） <input name="completed_investment" inputmode="decimal" required></label>
  <label><input type="checkbox" name="in_statistics" value="1"> 已入库纳统</label>
  <label>所处阶段 <select name="stage">{% for c in view.stages %}<option value="{{ c.value }}"{% if c.selected %} selected{% endif %}>{{ c.label }}</option>{% endfor %}</select></label>
  <label>形象进度 <textarea name="progress" rows="2"></textarea></label>
  <label>存在问题 <textarea name="problems" rows="2"></textarea></label>
  <label>下一步措施 <textarea name="next_steps" rows="2"></textarea></label>
  <button class="btn" type="submit">报送</button>
</form>
</div>
{% endif %}
{% endblock %}"#
)]
struct ProjectPage {
    chrome: Chrome,
    view: ProjectView,
}

#[derive(serde::Deserialize, Default)]
pub struct ShowQuery {
    as_of: Option<String>,
    ok: Option<String>,
    error: Option<String>,
}

pub async fn show(
    State(state): State<Arc<AppState>>,
    PageUser(user): PageUser,
    Path(id): Path<i64>,
    Query(q): Query<ShowQuery>,
) -> PageResult<Html<String>> {
    let as_of = ProjectQuery { as_of: q.as_of.clone(), ..Default::default() }.as_of(&state)?;
    let filter = ProjectFilter { ids: vec![id], ..Default::default() };
    let line = state.store.project_lines(&filter, as_of).await.map_err(store_error)?.pop().ok_or(WebError::NotFound("项目"))?;
    let p = &line.project;
    if !may_on_project(&user, Action::ViewTask, &p.responsible_unit) {
        return Err(WebError::Forbidden.into());
    }
    let reports = state.store.project_reports(id).await.map_err(store_error)?;
    let problems = state.store.project_problems(id).await.map_err(store_error)?;
    let may_review = user.may_overall(Action::Review);
    let year = chrono::Datelike::year(&as_of);
    let points: Vec<(NaiveDate, f64)> = reports
        .iter()
        .filter(|r| r.superseded_by.is_none() && !matches!(r.review, luoshi_ledger::ReviewState::Returned { .. }))
        .filter(|r| chrono::Datelike::year(&r.as_of) == year && r.as_of <= as_of)
        .map(|r| (r.as_of, r.completed_investment))
        .collect();
    let facts = vec![
        ("项目编号", p.code.clone().unwrap_or_else(|| p.id.to_string())),
        ("项目业主", p.enterprise.clone()),
        ("县区", p.county.clone()),
        ("产业链", p.industry_chain.clone()),
        ("项目类别", p.kind.clone()),
        ("建设内容", p.content.clone()),
        ("总投资（万元）", money(p.total_investment)),
        ("年度计划投资（万元）", money(p.annual_planned_investment)),
        ("累计完成投资（万元）", money(line.completed_investment)),
        ("投资完成率 / 序时进度", format!("{} / {}", percent(line.investment_completion), percent(Some(year_progress(as_of))))),
        ("包联单位", p.responsible_unit.clone()),
        ("包联领导", p.responsible_leader.clone()),
    ];
    let steps = Stage::ALL
        .iter()
        .map(|s| {
            let date = p.stages.get(*s);
            Step {
                label: s.label(),
                date: match (s, date) {
                    (Stage::Planned, _) => String::new(),
                    (_, Some(d)) => d.to_string(),
                    (_, None) => "—".into(),
                },
                reached: *s <= line.stage,
            }
        })
        .collect();
    let view = ProjectView {
        id,
        name: p.name.clone(),
        as_of: as_of.to_string(),
        facts,
        steps,
        chart: charts::investment_svg(&points, p.annual_planned_investment, year),
        reports: reports
            .iter()
            .rev()
            .map(|r| ReportLine {
                id: r.id,
                as_of: r.as_of.to_string(),
                completed: money(Some(r.completed_investment)),
                in_statistics: r.in_statistics,
                stage: r.stage.map(|s| s.label().to_string()).unwrap_or_default(),
                progress: r.progress.clone(),
                problems: r.problems.clone(),
                review: r.review.label(),
                returned_reason: match &r.review {
                    luoshi_ledger::ReviewState::Returned { reason } => reason.clone(),
                    _ => String::new(),
                },
                superseded: r.superseded_by.is_some(),
                by: r.reported_by.clone(),
                reviewable: may_review && r.superseded_by.is_none() && r.review == luoshi_ledger::ReviewState::Submitted,
            })
            .collect(),
        problems: problems
            .iter()
            .map(|p| ProblemLine {
                kind: p.problem.kind.label(),
                description: p.problem.description.clone(),
                owner: p.problem.owner.clone(),
                raised_on: p.problem.raised_on.to_string(),
                solved_on: date_or_dash(p.problem.solved_on),
            })
            .collect(),
        may_report: may_on_project(&user, Action::ReportProgress, &p.responsible_unit),
        may_review,
        stages: std::iter::once(Choice::new("", "（不变）", true))
            .chain(Stage::ALL.iter().skip(1).map(|s| Choice::new(s.name(), s.label(), false)))
            .collect(),
        light: line.light.name(),
        light_label: line.light.label(),
    };
    let chrome = Chrome::new(&user, "/projects").with_flash(flash_from_query(q.ok, q.error));
    Ok(Html(render(&ProjectPage { chrome, view })?))
}

fn back(id: i64, key: &str, text: &str) -> Response {
    Redirect::to(&format!("/projects/{id}?{key}={}", url_encode(text))).into_response()
}

pub async fn report_submit(
    State(state): State<Arc<AppState>>,
    PageUser(user): PageUser,
    Path(id): Path<i64>,
    Form(form): Form<HashMap<String, String>>,
) -> PageResult<Response> {
    user.check_csrf(form.get("csrf").map(String::as_str).unwrap_or(""))?;
    let project = state.store.project(id).await.map_err(store_error)?;
    if !may_on_project(&user, Action::ReportProgress, &project.responsible_unit) {
        return Err(WebError::Forbidden.into());
    }
    let field = |name: &str| form.get(name).map(|v| v.trim().to_string()).unwrap_or_default();
    let as_of = match NaiveDate::parse_from_str(&field("as_of"), "%Y-%m-%d") {
        Ok(date) => date,
        Err(_) => return Ok(back(id, "error", "截至日期格式应为 YYYY-MM-DD")),
    };
    let completed: f64 = match field("completed_investment").replace([',', '，'], "").parse() {
        Ok(value) => value,
        Err(_) => return Ok(back(id, "error", "累计完成投资应为数字（万元）")),
    };
    let stage = match field("stage").as_str() {
        "" => None,
        text => match Stage::parse(text) {
            Ok(stage) => Some(stage),
            Err(e) => return Ok(back(id, "error", &e.to_string())),
        },
    };
    let report = NewProjectReport {
        project_id: id,
        as_of,
        completed_investment: completed,
        in_statistics: !field("in_statistics").is_empty(),
        stage,
        progress: field("progress"),
        problems: field("problems"),
        next_steps: field("next_steps"),
    };
    match state.store.add_project_reports(user.actor(), vec![report]).await {
        Ok(_) => Ok(back(id, "ok", "已报送")),
        Err(luoshi_store::StoreError::Invalid(message)) => Ok(back(id, "error", &message)),
        Err(err) => Err(store_error(err).into()),
    }
}

async fn review(state: &AppState, user: &crate::auth::CurrentUser, report: i64, review: Review) -> PageResult<Response> {
    user.require(Action::Review)?;
    let project = state
        .store
        .project_reports_to_review()
        .await
        .map_err(store_error)?
        .into_iter()
        .find(|r| r.id == report)
        .map(|r| r.project_id);
    let Some(project) = project else { return Err(WebError::bad("该报告已审核或已更正").into()) };
    match state.store.review_project_report(user.actor(), report, review).await {
        Ok(()) => Ok(back(project, "ok", "已审核")),
        Err(luoshi_store::StoreError::Invalid(message)) => Ok(back(project, "error", &message)),
        Err(err) => Err(store_error(err).into()),
    }
}

pub async fn accept(
    State(state): State<Arc<AppState>>,
    PageUser(user): PageUser,
    Path(id): Path<i64>,
    Form(form): Form<HashMap<String, String>>,
) -> PageResult<Response> {
    user.check_csrf(form.get("csrf").map(String::as_str).unwrap_or(""))?;
    review(&state, &user, id, Review::Accept).await
}

pub async fn return_report(
    State(state): State<Arc<AppState>>,
    PageUser(user): PageUser,
    Path(id): Path<i64>,
    Form(form): Form<HashMap<String, String>>,
) -> PageResult<Response> {
    user.check_csrf(form.get("csrf").map(String::as_str).unwrap_or(""))?;
    let reason = form.get("reason").cloned().unwrap_or_default();
    review(&state, &user, id, Review::Return { reason }).await
}

pub struct CountyLine {
    pub key: String,
    pub projects: u64,
    pub signed: u64,
    pub started: u64,
    pub producing: u64,
    pub start_rate: String,
    pub production_rate: String,
    pub planned: String,
    pub completed: String,
    pub completion: String,
    pub lag: String,
    pub behind: bool,
}

pub struct PipelineView {
    pub as_of: String,
    pub funnel: String,
    pub counties_chart: String,
    pub counties: Vec<CountyLine>,
    pub total: CountyLine,
    pub query_string: String,
}

#[derive(Template)]
#[template(
    ext = "html",
    source = r#"{% extends "base.html" %}
{% block title %}三个一批{% endblock %}
{% block content %}
<h1>三个一批 <span class="muted small">截至 {{ view.as_of }}</span></h1>
<form method="get" action="/projects/pipeline" class="filters panel">
  <label>截至 <input type="date" name="as_of" value="{{ view.as_of }}"></label>
  <button class="btn" type="submit">查看</button>
  <a class="btn-plain" href="/projects/dispatch.xlsx?{{ view.query_string }}">月调度表 .xlsx</a>
  <a class="btn-plain" href="/projects/summary.docx?{{ view.query_string }}">推进情况通报 .docx</a>
  <a class="btn-plain" href="/projects/summary.md?{{ view.query_string }}">Markdown</a>
</form>
<div class="panel"><h2>阶段漏斗</h2>{{ view.funnel|safe }}</div>
<div class="panel"><h2>分县区投资完成与序时进度</h2>{{ view.counties_chart|safe }}</div>
<div class="panel">
<table id="by-county"><thead><tr><th>县区</th><th class="num">项目</th><th class="num">签约</th><th class="num">开工</th><th class="num">投产</th><th class="num">落地率</th><th class="num">投产率</th><th class="num">年度计划（万元）</th><th class="num">累计完成（万元）</th><th class="num">完成率</th><th class="num">较序时（百分点）</th></tr></thead>
<tbody>{% for c in view.counties %}<tr{% if c.behind %} class="behind"{% endif %}><td><a href="/projects?county={{ c.key }}&as_of={{ view.as_of }}">{{ c.key }}</a></td><td class="num">{{ c.projects }}</td><td class="num">{{ c.signed }}</td><td class="num">{{ c.started }}</td><td class="num">{{ c.producing }}</td><td class="num">{{ c.start_rate }}</td><td class="num">{{ c.production_rate }}</td><td class="num">{{ c.planned }}</td><td class="num">{{ c.completed }}</td><td class="num">{{ c.completion }}</td><td class="num">{{ c.lag }}</td></tr>{% endfor %}
<tr class="total"><th>合计</th><td class="num">{{ view.total.projects }}</td><td class="num">{{ view.total.signed }}</td><td class="num">{{ view.total.started }}</td><td class="num">{{ view.total.producing }}</td><td class="num">{{ view.total.start_rate }}</td><td class="num">{{ view.total.production_rate }}</td><td class="num">{{ view.total.planned }}</td><td class="num">{{ view.total.completed }}</td><td class="num">{{ view.total.completion }}</td><td class="num">{{ view.total.lag }}</td></tr></tbody></table>
</div>
{% endblock %}"#
)]
struct PipelinePage {
    chrome: Chrome,
    view: PipelineView,
}

fn county_line(key: &str, s: &luoshi_ledger::projects::PipelineStats) -> CountyLine {
    CountyLine {
        key: key.to_string(),
        projects: s.projects,
        signed: s.signed,
        started: s.started,
        producing: s.producing,
        start_rate: percent(s.start_rate),
        production_rate: percent(s.production_rate),
        planned: money(Some(s.planned_investment)),
        completed: money(Some(s.completed_investment)),
        completion: percent(s.investment_completion),
        lag: s.investment_lag.map_or("—".into(), |l| format!("{:+.1}", l * 100.0)),
        behind: s.investment_lag.is_some_and(|l| l < 0.0),
    }
}

pub async fn pipeline(State(state): State<Arc<AppState>>, PageUser(user): PageUser, Query(query): Query<ProjectQuery>) -> PageResult<Html<String>> {
    user.require(Action::ReadDashboards)?;
    let as_of = query.as_of(&state)?;
    let stats = state.store.project_stats(&query.filter(), as_of, Some(GroupBy::County)).await.map_err(store_error)?;
    let view = PipelineView {
        as_of: as_of.to_string(),
        funnel: charts::funnel_svg(&stats.total),
        counties_chart: charts::counties_svg(&stats.groups, stats.total.time_progress),
        counties: stats.groups.iter().map(|g| county_line(&g.key, &g.stats)).collect(),
        total: county_line("合计", &stats.total),
        query_string: query_string(&query, as_of),
    };
    Ok(Html(render(&PipelinePage { chrome: Chrome::new(&user, "/projects"), view })?))
}
