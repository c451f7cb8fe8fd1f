//! Paragraphs in the styles of documents outside the dev corpus (county work
//! reports, action plans, policy-measure notices, five-year plans), each with
//! the targets a 督查室 clerk expects from it. Each row tests one pattern of
//! policy language, not one sentence of the corpus.

use luoshi_extract::{Extraction, Options, extract};
use luoshi_text::PlainText;

fn run(text: &str, year: Option<i32>) -> Extraction {
    extract(&PlainText::from_text(text), &Options { source: "t.txt".into(), year })
}

/// (text, value, unit, cmp, deadline, metric) of every target, in order.
fn targets(text: &str, year: Option<i32>) -> Vec<(String, f64, String, &'static str, String, String)> {
    run(text, year)
        .tasks
        .iter()
        .flat_map(|t| t.targets.iter())
        .map(|g| {
            (
                g.text.clone(),
                g.value,
                g.unit.clone(),
                g.cmp.symbol(),
                g.deadline.map(|d| d.to_string()).unwrap_or_default(),
                g.metric.clone(),
            )
        })
        .collect()
}

/// One expected target: the number text, value, unit, comparator, deadline
/// and a phrase its metric must contain.
struct Want {
    text: &'static str,
    value: f64,
    unit: &'static str,
    cmp: &'static str,
    deadline: &'static str,
    metric_has: &'static str,
}

const fn want(
    text: &'static str,
    value: f64,
    unit: &'static str,
    cmp: &'static str,
    deadline: &'static str,
    metric_has: &'static str,
) -> Want {
    Want { text, value, unit, cmp, deadline, metric_has }
}

fn check(paragraph: &str, year: Option<i32>, wants: &[Want]) {
    let got = targets(paragraph, year);
    assert_eq!(got.len(), wants.len(), "{paragraph}\n got {got:?}");
    for (g, w) in got.iter().zip(wants) {
        assert_eq!(g.0, w.text, "{paragraph}");
        assert_eq!(g.1, w.value, "{paragraph}: {}", w.text);
        assert_eq!(g.2, w.unit, "{paragraph}: {}", w.text);
        assert_eq!(g.3, w.cmp, "{paragraph}: {}", w.text);
        assert_eq!(g.4, w.deadline, "{paragraph}: {}", w.text);
        assert!(g.5.contains(w.metric_has), "{paragraph}: metric {:?} lacks {:?}", g.5, w.metric_has);
    }
}

#[test]
fn a_date_before_the_figure_dates_it_and_a_repeat_counts_the_same_thing() {
    check(
        "1.改造提升乡镇商贸中心。2023年底前完成4个乡镇商贸中心改造，2024年再完成4个，2025年全部完成。（责任单位：县商务局）",
        Some(2023),
        &[
            want("4个", 4.0, "个", "=", "2023-12-31", "乡镇商贸中心改造"),
            want("4个", 4.0, "个", "=", "2024-12-31", "乡镇商贸中心改造"),
        ],
    );
}

#[test]
fn a_deadline_opening_the_sentence_dates_its_later_clauses() {
    check(
        "3.建设县级物流配送中心。2024年6月底前建成投用县级物流配送中心，日处理快件能力达到10万件。（县商务局负责）",
        Some(2023),
        &[want("10万件", 10.0, "万件", ">=", "2024-06-30", "日处理快件能力")],
    );
    check(
        "（三）加强能源保障。到2027年底，全省新型储能装机规模达到500万千瓦以上。",
        Some(2024),
        &[want("500万千瓦以上", 500.0, "万千瓦", ">=", "2027-12-31", "新型储能装机规模")],
    );
}

#[test]
fn a_milestone_after_the_figure_yields_to_the_completion_clause() {
    check(
        "5.抓好问题整改。确保30个反馈问题整改工作4月底前取得进展，6月中旬全部整改到位。",
        Some(2024),
        &[want("30个", 30.0, "个", "=", "2024-06-20", "反馈问题")],
    );
}

#[test]
fn numbered_lead_phrase_with_body_is_a_task() {
    let text = "一、扩大有效需求\n（一）加快项目建设。9月底前，区重点项目累计完成投资110亿元以上，三季度新开工项目20个。（责任单位：区发改委）\n（二）促进汽车消费。开展汽车促销活动。（责任单位：区商务局）";
    let x = run(text, None);
    let titles: Vec<&str> = x.tasks.iter().map(|t| t.title.as_str()).collect();
    assert_eq!(titles, vec!["加快项目建设", "促进汽车消费"]);
    assert_eq!(x.tasks[1].units, vec!["区商务局"]);
    let t = &x.tasks[0].targets;
    assert_eq!(t.last().unwrap().text, "20个");
    assert_eq!(t.last().unwrap().deadline.unwrap().to_string(), "--09-30");
}

#[test]
fn verbs_before_a_count_leave_the_metric_to_the_noun_after_it() {
    check(
        "扎实推进重大项目建设。全年推进210个以上市级重点项目建设，完成年度投资1200亿元以上。",
        Some(2024),
        &[
            want("210个以上", 210.0, "个", ">=", "2024-12-31", "市级重点项目"),
            want("1200亿元以上", 1200.0, "亿元", ">=", "2024-12-31", "年度投资"),
        ],
    );
    check(
        "2.推动绿色转型。有序推动500家企业绿色化改造。",
        Some(2024),
        &[want("500家", 500.0, "家", "=", "2024-12-31", "企业绿色化改造")],
    );
}

#[test]
fn chinese_counts_of_made_things_are_targets_and_slogans_are_not() {
    check("4.壮大园区经济。年内新建五个产业园。", Some(2024), &[want("五个", 5.0, "个", "=", "2024-12-31", "产业园")]);
    check("深入实施八项行动，统筹两个市场，建立三个机制。", Some(2024), &[]);
    check("坚持“三个一批”，抓好五个方面的工作。", Some(2024), &[]);
}

#[test]
fn size_classes_measure_the_industry_scale() {
    check(
        "6.培育壮大产业集群。力争把食品加工产业培育成150亿级产业集群。",
        Some(2024),
        &[want("150亿级", 150.0, "亿元", "=", "2024-12-31", "食品加工产业规模")],
    );
}

#[test]
fn comparators_of_many_forms() {
    check(
        "今年经济社会发展的主要预期目标是：城镇调查失业率控制在5.5%以内，研发投入强度不低于2.5%，粮食产量稳定在50万吨左右，外贸进出口突破100亿元。",
        Some(2024),
        &[
            want("5.5%以内", 5.5, "%", "<=", "2024-12-31", "城镇调查失业率"),
            want("2.5%", 2.5, "%", ">=", "2024-12-31", "研发投入强度"),
            want("50万吨左右", 50.0, "万吨", "~", "2024-12-31", "粮食产量"),
            want("100亿元", 100.0, "亿元", ">", "2024-12-31", "外贸进出口"),
        ],
    );
}

#[test]
fn work_calendar_deadlines() {
    check(
        "7.保障能源供应。度夏前电厂存煤达到20天以上，汛期前完成20座病险水库除险加固，上半年新增充电桩500个。",
        Some(2024),
        &[
            want("20天以上", 20.0, "天", ">=", "2024-06-30", "电厂存煤"),
            want("20座", 20.0, "座", "=", "2024-05-31", "病险水库"),
            want("500个", 500.0, "个", "=", "2024-06-30", "充电桩"),
        ],
    );
}

#[test]
fn subsidies_and_rewards_are_rules_not_targets() {
    check(
        "8.支持企业升规。对首次升规的工业企业给予一次性奖励10万元；对新认定的国家级专精特新“小巨人”企业，给予50万元奖励。",
        Some(2024),
        &[],
    );
}

#[test]
fn ranges_give_the_lower_bound() {
    check(
        "9.建设特色小镇。全市新建2—3个特色产业园区。",
        Some(2024),
        &[want("2—3个", 2.0, "个", ">=", "2024-12-31", "特色产业园区")],
    );
}

#[test]
fn enumerated_lead_phrases_in_one_paragraph_are_separate_tasks() {
    let x = run("第二章 重点任务\n一是加快工业转型。到2025年，规上工业企业达到1200家。二是扩大消费。社会消费品零售总额年均增长8%左右。", Some(2021));
    let titles: Vec<&str> = x.tasks.iter().map(|t| t.title.as_str()).collect();
    assert_eq!(titles, vec!["加快工业转型", "扩大消费"]);
    assert_eq!(x.tasks[0].targets[0].text, "1200家");
    assert_eq!(x.tasks[1].targets[0].text, "8%左右");
}

#[test]
fn five_year_indicator_table_with_rate_and_cumulative_columns() {
    let text = "专栏1 “十四五”主要指标\n指标\t2020年基数\t2025年目标\t年均增长\t属性\n地区生产总值（亿元）\t2100\t3000\t7%左右\t预期性\n单位GDP能耗降低（%）\t—\t〔13.5〕\t—\t约束性\n森林覆盖率（%）\t35\t36.5\t—\t约束性\n";
    let got = targets(text, Some(2021));
    let rows: Vec<(&str, f64, &str, &str)> =
        got.iter().map(|g| (g.0.as_str(), g.1, g.2.as_str(), g.4.as_str())).collect();
    assert_eq!(
        rows,
        vec![
            ("3000", 3000.0, "亿元", "2025-12-31"),
            ("13.5", 13.5, "%", "2025-12-31"),
            ("36.5", 36.5, "%", "2025-12-31"),
        ]
    );
    // One target per row: the growth column does not add a second one.
    assert!(!got.iter().any(|g| g.1 == 7.0), "{got:?}");
    // The 2020 baseline is history.
    assert!(!got.iter().any(|g| g.1 == 2100.0 || g.1 == 35.0));
}

#[test]
fn responsibility_forms_of_a_division_of_work_notice() {
    let text = "1.稳定工业增长。全年规上工业增加值增长7%。牵头单位：市工信局；配合单位：市统计局、市发改委。\n2.扩大有效投资。6月底前新开工项目100个。（市发改委牵头，市住建局、市自然资源局配合）\n3.稳定就业。年内城镇新增就业2万人以上。（市人社局负责）";
    let x = run(text, Some(2024));
    let units: Vec<Vec<String>> = x.tasks.iter().map(|t| t.units.clone()).collect();
    assert_eq!(units[0], vec!["市工信局", "市统计局", "市发改委"]);
    assert_eq!(units[1], vec!["市发改委", "市住建局", "市自然资源局"]);
    assert_eq!(units[2], vec!["市人社局"]);
    assert_eq!(x.tasks[1].targets[0].deadline.unwrap().to_string(), "2024-06-30");
    assert_eq!(x.tasks[2].targets[0].cmp.symbol(), ">=");
}

#[test]
fn achieved_figures_and_compensation_rules_are_not_targets() {
    check("今年以来，全县新增市场主体3000户。", Some(2024), &[]);
    check("10.稳住外贸。全市已完成进出口总额50亿元，力争全年突破100亿元。", Some(2024), &[
        want("100亿元", 100.0, "亿元", ">", "2024-12-31", "进出口总额"),
    ]);
    check("11.减轻企业负担。对符合条件的小微企业减半收取担保费，费率优惠1个百分点。", Some(2024), &[]);
}

#[test]
fn a_cap_right_before_the_figure_is_a_rule_but_the_word_elsewhere_is_not() {
    check(
        "2.提升迎峰度夏保障水平。需求侧响应能力达到最高用电负荷的5%以上。对新建储煤设施给予最高50万元奖励，单个企业最高100万元。",
        Some(2024),
        &[want("5%以上", 5.0, "%", ">=", "2024-12-31", "需求侧响应能力")],
    );
}
