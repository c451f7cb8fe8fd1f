//! Classes of language the extractor missed on documents it had not seen
//! (issue 10), one test per class, each written in words of our own rather
//! than copied from the document that showed it.

use luoshi_extract::{Extraction, Options, Task, extract};
use luoshi_text::PlainText;

fn run(text: &str, year: Option<i32>) -> Extraction {
    extract(&PlainText::from_text(text), &Options { source: "t.txt".into(), year })
}

fn titles(x: &Extraction) -> Vec<&str> {
    x.tasks.iter().map(|t| t.title.as_str()).collect()
}

fn task<'a>(x: &'a Extraction, title: &str) -> &'a Task {
    x.tasks.iter().find(|t| t.title == title).unwrap_or_else(|| panic!("no task {title}: {:?}", titles(x)))
}

#[test]
fn unit_marker_with_a_qualifier_and_a_deadline_sharing_its_bracket() {
    let text = "考评指标\n1．各级大厅综合一窗率达90%以上。不断优化窗口设置。（3月底取得阶段性成效并持续推进，牵头考核单位：市审批服务局）\n\
                2．推进档案数字化，完成馆藏档案数字化60万卷。（持续推进，主办单位：市档案馆、市数据局）\n\
                3．新建城市书房12个。（责任主体：各旗县区政府；配合落实部门：市文旅局）";
    let x = run(text, Some(2022));
    assert_eq!(x.tasks[0].units, ["市审批服务局"]);
    assert_eq!(x.tasks[0].targets[0].deadline.unwrap().to_string(), "2022-03-31");
    assert_eq!(x.tasks[1].units, ["市档案馆", "市数据局"]);
    assert_eq!(x.tasks[1].targets[0].deadline.unwrap().to_string(), "2022-12-31");
    assert_eq!(x.tasks[2].units, ["各旗县区政府", "市文旅局"]);
}

#[test]
fn lead_phrases_inside_a_paragraph_after_a_preamble() {
    let preamble = "（一）围绕高质量发展，全力打好三大攻坚战\n继续把打好攻坚战作为重大政治任务和能力检验，下更大决心，坚决打好每一场重点战役。";
    let text = format!(
        "{preamble}全力防范金融风险。按照稳妥有序的要求，妥善处置政府债务，多方筹措资金拓宽化债渠道，推进融资平台公司转型，严厉打击非法集资和高利贷。\
         巩固脱贫攻坚成果。健全防止返贫监测和帮扶机制，做到脱贫不脱政策、脱贫不脱帮扶，全年新增就业岗位800个。\
         全面实施公车改革。深入推进生态环境保护。完善河湖长制，加强水源地保护，全年空气优良天数达到340天以上。"
    );
    let x = run(&text, Some(2019));
    assert_eq!(titles(&x), ["全力防范金融风险", "巩固脱贫攻坚成果", "深入推进生态环境保护"]);
    assert_eq!(task(&x, "巩固脱贫攻坚成果").targets[0].value, 800.0);
    assert_eq!(task(&x, "深入推进生态环境保护").targets[0].value, 340.0);
}

#[test]
fn a_measure_body_with_units_keeps_its_short_sentences() {
    let text = "二、重点任务\n（三）强化要素保障。统筹用地指标，优先保障重大项目落地，全年供应工业用地3000亩以上。\
                落实用电保障。加强电网建设，确保重点企业生产用电需求得到满足，推动园区增量配电改革。\
                加强用工服务。组织专场招聘会，帮助企业解决用工难题，全年帮助企业招工5000人以上。（责任单位：市自然资源局、市人社局）";
    let x = run(text, Some(2024));
    assert_eq!(x.tasks.len(), 1, "{:?}", titles(&x));
    assert_eq!(x.tasks[0].units, ["市自然资源局", "市人社局"]);
    assert_eq!(x.tasks[0].targets.len(), 2);
}

fn metrics(text: &str) -> Vec<(f64, String)> {
    run(text, Some(2024)).tasks.iter().flat_map(|t| &t.targets).map(|g| (g.value, g.metric.clone())).collect()
}

#[test]
fn the_noun_after_a_count_is_what_it_counts() {
    assert_eq!(metrics("1.推动应用。形成30个典型应用场景解决方案。"), [(30.0, "形成典型应用场景解决方案".to_string())]);
    assert_eq!(metrics("2.壮大主体。新引进和培育10家商业航天重点企业。"), [(10.0, "新引进和培育商业航天重点企业".to_string())]);
    assert_eq!(metrics("3.建设设施。在空天领域谋划建设2-3个重大科技基础设施。"), [(2.0, "谋划建设重大科技基础设施".to_string())]);
    // An evaluative modifier goes, a defining one stays.
    assert_eq!(metrics("4.建设平台。争取建成10家具有较强影响力的创新平台。"), [(10.0, "建成创新平台".to_string())]);
    assert_eq!(metrics("5.培育企业。培育5家具备上市条件的硬核企业。"), [(5.0, "培育具备上市条件的硬核企业".to_string())]);
    // Nothing after the count: the noun before it is the metric.
    assert_eq!(metrics("6.培育企业。新增规上工业企业180家以上。"), [(180.0, "新增规上工业企业".to_string())]);
}

#[test]
fn leftovers_of_the_sentence_stay_out_of_the_metric() {
    let got = metrics("1.增加收入。城乡常住居民人均可支配收入分别增长7%和8%左右。");
    assert_eq!(got.len(), 2);
    assert!(got.iter().all(|(_, m)| m == "城乡常住居民人均可支配收入增长"), "{got:?}");
    let got = metrics("考评指标\n21．完成平台上线前15项业务编码贯标。");
    assert!(!got[0].1.starts_with("21"), "{got:?}");
    let got = metrics("1.改善环境。全力确保空气优良天数达到350天。");
    assert_eq!(got[0].1, "空气优良天数");
}

fn deadlines(text: &str, year: i32) -> Vec<(f64, String)> {
    run(text, Some(year))
        .tasks
        .iter()
        .flat_map(|t| &t.targets)
        .map(|g| (g.value, g.deadline.unwrap().to_string()))
        .collect()
}

#[test]
fn a_date_opening_the_paragraph_dates_its_later_sentences() {
    let text = "（二）发展目标。\n到2020年，装备产业创新能力持续提升，薄弱环节问题基本解决。全国农机总动力超过10亿千瓦。\n\
                到2025年，装备品类基本齐全，产业迈入高质量发展阶段。全国农机总动力稳定在11亿千瓦左右。\n\
                具体指标：到2022年，教学条件基本达标，建设50所高水平学校。";
    assert_eq!(
        deadlines(text, 2018),
        [(10.0, "2020-12-31".into()), (11.0, "2025-12-31".into()), (50.0, "2022-12-31".into())]
    );
}

#[test]
fn a_work_report_on_one_line_keeps_its_review_out_and_its_year() {
    // Whole report on one line, parts apart by runs of spaces, as web pages
    // flatten it; the review names a plan in 《》 that is not this document.
    let review = "过去一年是极不平凡的一年。全市生产总值达到3.87万亿元，增长1.7%，新增就业岗位56万个，".repeat(80);
    let text = format!(
        "上海市市长 某某 各位代表：   现在，我代表市人民政府，向大会报告工作，请予审议。   一、2020年工作回顾   {review}\
         我们编制了《上海市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要（草案）》。   \
         二、2021年主要任务   今年全市经济社会发展的主要预期目标是：全市生产总值增长6%以上，城镇调查失业率在5%以内。"
    );
    let x = run(&text, None);
    assert_eq!(x.document.year, Some(2021));
    assert_eq!(x.document.period_end.unwrap().to_string(), "2021-12-31");
    let got: Vec<(f64, String)> =
        x.tasks.iter().flat_map(|t| &t.targets).map(|g| (g.value, g.deadline.unwrap().to_string())).collect();
    assert_eq!(got, [(6.0, "2021-12-31".to_string()), (5.0, "2021-12-31".to_string())]);
}
