//! Cues that a number with a unit is still not a target (the spec's "Not
//! targets"): history, policy parameters, thresholds, outside events.

/// Right before the number: it is an ordinal, a capacity in a project's name,
/// a stock already reached, a count of the text's own parts or a per-unit rule.
pub static REJECT_BEFORE: &[&str] = &[
    "第",
    "年产",
    "年产能",
    "年处理",
    "年加工",
    "已达",
    "已达到",
    "已有",
    "已经",
    "已",
    "现有",
    "现已",
    "目前",
    "基数",
    "每",
    // A cap right before the figure (`最高100万元`); 最高 elsewhere in the
    // clause is an ordinary word (`最高用电负荷的5%`).
    "最高",
    "以下",
    "如下",
    "近",
    "上年",
    "去年",
    "同比",
    "共有",
    "原有",
];

/// In the same clause: the number is a policy parameter (a reward, a subsidy,
/// a support rate), a rule, not an outcome.
pub static POLICY_PARAMETER: &[&str] = &[
    "给予",
    "奖励",
    "补助",
    "补贴",
    "资助",
    "奖补",
    "贴息",
    "最高不超过",
    "最高可",
    "减免",
    "返还",
    "一次性",
    "分档",
    "扶持资金",
    "按照不超过",
    "支持资金",
    "资金支持",
    "每家",
    "每个项目",
    "每户",
    "每人",
    "单个项目",
    "单个企业",
    "予以支持",
    "补偿",
    "优惠",
    "免收",
    "退还",
    "报销",
    "担保费",
];

/// In the same clause: the figure describes an outside event to seize.
pub static OUTSIDE_EVENT: &[&str] = &["机遇", "契机"];

/// In the same sentence: the figure is a statistic of the past.
pub static HISTORY_SENTENCE: &[&str] = &["预计", "历史最高", "累计已", "截至目前", "截止目前"];

/// In the same clause: the figure is a stock already reached.
pub static HISTORY_CLAUSE: &[&str] =
    &["目前已", "现已", "现有", "已建成", "已形成", "已达到", "已有", "已累计", "共有", "已完成", "已实现", "完成了", "实现了", "达到了"];

/// A paragraph opening with one of these reviews the past.
pub static HISTORY_PARAGRAPH: &[&str] = &[
    "过去一年",
    "过去五年",
    "过去的一年",
    "一年来",
    "五年来",
    "这一年",
    "去年",
    "“十三五”时期",
    "十三五时期",
    "“十三五”以来",
    "十三五以来",
    "过去三年",
    "三年来",
    "今年以来",
    "回顾过去",
];

/// After `以上`/`以下`, a noun that the threshold classifies (`30亿元以上项目`).
/// After `的`, nouns naming the things a threshold selects (`超过1亿元的企业`).
pub static CLASSIFIED_NOUNS: &[&str] = &[
    "企业",
    "项目",
    "工业企业",
    "单位",
    "园区",
    "产业园",
    "工程",
    "商户",
    "家庭",
    "人员",
    "个人",
    "主体",
    "客户",
    "农户",
    "商品",
    "设备",
    "车辆",
    "基地",
    "龙头",
    "基地型",
    "投资项目",
    "重大项目",
    "重点项目",
    "产业项目",
];

/// Clause starts that introduce an eligibility rule (`对…的企业`).
pub static RULE_OPENERS: &[&str] = &["对", "凡", "对于", "符合", "年营业收入", "年主营业务收入", "首次"];

/// Verbs a list of targets shares (`新增上市企业1家、头雁企业2家`): the
/// first item's verb is lent to the metric of the others.
pub static LIST_VERBS: &[&str] = &[
    "新增",
    "新培育",
    "培育",
    "引进",
    "新建",
    "建设",
    "建成",
    "争创",
    "创建",
    "打造",
    "实施",
    "招引",
    "培训",
    "组建",
    "认定",
    "申报",
    "新认定",
    "新引进",
    "完成",
    "推动",
    "帮助",
    "辅导",
];

/// Nouns after a Chinese-numeral count that make it a slogan or a count of
/// the text's own parts (八项行动, 两个市场, 五个方面), not an outcome.
pub static SLOGAN_NOUNS: &[&str] = &[
    "行动", "方面", "机制", "清单", "市场", "体系", "一批", "工程", "领域", "环节", "原则", "目标", "任务",
    "举措", "措施", "重点", "制度", "层面", "维度", "板块", "专项", "战略", "理念", "导向", "转变", "统筹",
    "结合", "坚持", "优先", "到位", "全覆盖", "模式", "路径", "支撑", "保障", "对接", "计划",
];

/// Verbs that turn an industry into a size class (培育成300亿级产业集群).
pub static BECOME_WORDS: &[&str] = &["培育成", "打造成", "发展成", "建设成", "培育为", "打造为", "发展为", "建成", "成为"];

/// Verbs that only frame a count (推进210个项目): when nothing but these stand
/// before the number, the metric is the noun phrase after it.
pub static FRAMING_VERBS: &[&str] = &[
    "推进",
    "推动",
    "加快",
    "加快推进",
    "有序推动",
    "有序推进",
    "加快建设",
    "帮助",
    "支持",
    "引导",
    "促进",
    "带动",
    "组织",
    "实现",
    "年度实现",
    "完成",
    "再完成",
    "累计",
    "全力",
    "积极",
    "扎实",
    "持续",
    "力争",
    "确保",
    "争取",
];

/// Verbs that make or bring the things a count counts (`形成30个…方案`,
/// `谋划建设2-3个…设施`): when the counted noun follows the count, the metric
/// is the run of these before the number and that noun.
pub static MAKING_VERBS: &[&str] = &[
    "形成", "建成", "建设", "新建", "谋划", "打造", "培育", "新培育", "引进", "新引进", "发布", "组建", "创建", "争创",
    "认定", "新认定", "申报", "开发", "推出", "制定", "出台", "举办", "开展", "组织", "实施", "改造", "提升", "招引",
    "落地", "签约", "开工", "投产", "孵化", "遴选", "选树", "评选", "命名", "布局", "设立", "成立", "新增", "完成",
    "推动", "推进", "带动", "支持", "帮助", "扶持", "服务", "培训", "吸引", "集聚", "储备", "编制", "修订",
];

/// Degree words that make a modifier evaluative (`具有较强影响力的`).
pub static EVALUATIVE_WORDS: &[&str] = &["较", "很", "更", "最", "极", "十分", "一流", "领先", "知名"];

/// Joins two making verbs into one run (`新引进和培育`).
pub static VERB_JOINERS: &[&str] = &["和", "及", "与", "、", "并"];

/// Words stripped from the start of a metric (they frame, not name, it).
pub static METRIC_LEAD_INS: &[&str] = &[
    "力争",
    "确保",
    "争取",
    "努力",
    "全年",
    "上半年",
    "下半年",
    "今年",
    "年底前",
    "全市",
    "全区",
    "全县",
    "全省",
    "全州",
    "实现",
    "完成",
    "推动",
    "同时",
    "其中",
    "并",
    "使",
    "让",
    "力争实现",
    "确保实现",
    "累计完成",
    "到年底",
    // Adverbs of effort: they say how hard, not what.
    "全力",
    "全力确保",
    "大力",
    "着力",
    "积极",
    "率先",
    "进一步",
    // List connectors left at the start of a later item (`7%和8%`).
    "和",
    "及",
    "与",
    "以及",
];

/// Words dropped wherever they stand in a metric: a distributive adverb
/// (`收入分别增长` measures 收入增长).
pub static METRIC_FILLERS: &[&str] = &["分别"];

/// Single chars that may stand before a sentence's opening deadline
/// (`到2025年`, `在6月底前`, `于年底前`).
pub static SENTENCE_DATE_OPENERS: &[&str] = &["到", "在", "于", "自"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals_and_capacity_words_reject() {
        assert!(REJECT_BEFORE.contains(&"第"));
        assert!(REJECT_BEFORE.contains(&"年产"));
    }

    #[test]
    fn policy_parameters_are_rules() {
        let clause = "对首次超过1亿元的企业给予最高100万元奖励";
        assert!(POLICY_PARAMETER.iter().any(|w| clause.contains(w)));
        assert!(!POLICY_PARAMETER.iter().any(|w| "力争新增贷款200亿元以上".contains(w)));
    }

    #[test]
    fn history_cues() {
        assert!(HISTORY_SENTENCE.iter().any(|w| "预计“十三五”末全区生产总值达到302亿元".contains(w)));
        assert!(HISTORY_PARAGRAPH.iter().any(|w| "过去一年，全市经济".starts_with(w)));
        assert!(HISTORY_CLAUSE.iter().any(|w| "全市已建成5G基站3000个".contains(w)));
        // 项目前期 must not read as 目前.
        assert!(!HISTORY_CLAUSE.iter().chain(HISTORY_SENTENCE).any(|w| "做熟项目前期,确保投产率达到80%".contains(w)));
    }

    #[test]
    fn classified_nouns_and_list_verbs() {
        assert!(CLASSIFIED_NOUNS.contains(&"项目"));
        assert!(LIST_VERBS.contains(&"新增"));
        assert!(OUTSIDE_EVENT.contains(&"机遇"));
        assert!(RULE_OPENERS.contains(&"对"));
        assert!(METRIC_LEAD_INS.contains(&"力争"));
    }
}
