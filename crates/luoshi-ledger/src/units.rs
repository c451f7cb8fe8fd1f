//! 责任单位: unit names as written vary (spaces, bracket widths, common
//! abbreviations); the ledger groups and checks rights by one canonical name.

/// Characters replaced before names are compared: bracket widths and shapes
/// are unified to the full-width （）that official names use.
const CHAR_REPLACEMENTS: [(char, char); 8] = [
    ('(', '（'),
    (')', '）'),
    ('〔', '（'),
    ('〕', '）'),
    ('[', '（'),
    (']', '）'),
    ('【', '（'),
    ('】', '）'),
];

/// Punctuation a list split can leave at either end of a name.
const EDGE_PUNCTUATION: [char; 10] = ['、', '，', ',', '；', ';', '。', '：', ':', '.', '·'];

/// 简称 → 全称: the bodies' common abbreviations, without the 省/市/县/区 prefix
/// (which is kept as written). Each row: full name, then its short forms.
pub const UNIT_ALIASES: &[(&str, &[&str])] = &[
    ("发展和改革委员会", &["发展改革委", "发改委", "发展和改革委"]),
    ("工业和信息化局", &["工信局", "工业信息化局", "工业和信息局"]),
    ("工业和信息化厅", &["工信厅", "工业信息化厅"]),
    ("人力资源和社会保障局", &["人社局", "人力资源社会保障局", "人力社保局"]),
    ("人力资源和社会保障厅", &["人社厅", "人力资源社会保障厅"]),
    ("住房和城乡建设局", &["住建局", "住房城乡建设局"]),
    ("住房和城乡建设厅", &["住建厅", "住房城乡建设厅"]),
    ("自然资源和规划局", &["自然资源规划局", "自然资源局和规划局", "自规局", "资源规划局"]),
    ("科学技术局", &["科技局"]),
    ("科学技术厅", &["科技厅"]),
    ("市场监督管理局", &["市场监管局"]),
    ("卫生健康委员会", &["卫生健康委", "卫健委"]),
    ("文化广电和旅游局", &["文化广电旅游局", "文广旅局"]),
    ("文化和旅游局", &["文旅局"]),
    ("交通运输局", &["交通局"]),
    ("国有资产监督管理委员会", &["国资委"]),
    ("应急管理局", &["应急局"]),
    ("城市管理局", &["城管局"]),
    ("医疗保障局", &["医保局"]),
    ("退役军人事务局", &["退役军人局"]),
    ("机关事务管理局", &["机关事务局"]),
    ("民族宗教事务委员会", &["民宗委"]),
    ("人民政府外事办公室", &["外事办", "外办"]),
    ("人民政府办公室", &["政府办公室", "政府办"]),
    ("工商业联合会", &["工商联"]),
    ("政务服务和大数据管理局", &["政务服务大数据局", "大数据局"]),
    ("地方金融监督管理局", &["金融监管局", "地方金融监管局"]),
    ("生态环境局", &["环境局"]),
    ("粮食和物资储备局", &["粮食物资储备局", "粮储局"]),
    ("行政审批和政务信息管理局", &["行政审批政务信息管理局"]),
];

/// A prefix is kept only when it names a jurisdiction (许昌市, 建安区, 省);
/// this stops an abbreviation from matching inside a longer body's name.
const JURISDICTION_ENDINGS: [char; 7] = ['省', '市', '县', '区', '州', '旗', '盟'];

/// Strips spaces (half- and full-width), unifies brackets to （）, turns
/// full-width letters and digits half-width, and trims list punctuation.
pub fn normalize_unit_name(name: &str) -> String {
    let unified: String = name
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| {
            CHAR_REPLACEMENTS
                .iter()
                .find(|(from, _)| *from == c)
                .map(|(_, to)| *to)
                .unwrap_or_else(|| half_width_alphanumeric(c))
        })
        .collect();
    unified.trim_matches(|c| EDGE_PUNCTUATION.contains(&c)).to_string()
}

/// Ｆ → F, ５ → 5: full-width ASCII letters and digits to half-width.
fn half_width_alphanumeric(c: char) -> char {
    let code = c as u32;
    if (0xFF10..=0xFF19).contains(&code) || (0xFF21..=0xFF3A).contains(&code) || (0xFF41..=0xFF5A).contains(&code) {
        char::from_u32(code - 0xFEE0).unwrap_or(c)
    } else {
        c
    }
}

/// The canonical name of a unit: normalised, with a known abbreviation
/// expanded and the jurisdiction prefix kept (`市发展改革委` →
/// `市发展和改革委员会`). Names not in the table come back normalised.
pub fn canonical_unit_name(name: &str) -> String {
    let normalized = normalize_unit_name(name);
    for (full, shorts) in UNIT_ALIASES {
        for short in *shorts {
            if let Some(prefix) = normalized.strip_suffix(short)
                && is_jurisdiction_prefix(prefix)
            {
                return format!("{prefix}{full}");
            }
        }
    }
    normalized
}

fn is_jurisdiction_prefix(prefix: &str) -> bool {
    prefix.is_empty() || prefix.chars().last().is_some_and(|c| JURISDICTION_ENDINGS.contains(&c))
}

/// Whether two names denote the same unit.
pub fn same_unit(a: &str, b: &str) -> bool {
    canonical_unit_name(a) == canonical_unit_name(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalisation_strips_spaces_and_unifies_brackets() {
        let rows = [
            (" 市工业和信息化局 ", "市工业和信息化局"),
            ("市 工业和 信息化局", "市工业和信息化局"),
            ("市\u{3000}科学技术局", "市科学技术局"),
            ("各县(市、区)政府", "各县（市、区）政府"),
            ("各县〔市、区〕政府（管委会）", "各县（市、区）政府（管委会）"),
            ("各县【市、区】政府", "各县（市、区）政府"),
            ("市科学技术局、", "市科学技术局"),
            ("；市教育局。", "市教育局"),
            ("国网许昌供电公司", "国网许昌供电公司"),
            ("ＸＸ市５Ｇ办", "XX市5G办"),
        ];
        for (input, expected) in rows {
            assert_eq!(normalize_unit_name(input), expected, "{input}");
        }
    }

    #[test]
    fn abbreviations_expand_with_their_prefix() {
        let rows = [
            ("市发展改革委", "市发展和改革委员会"),
            ("市发改委", "市发展和改革委员会"),
            ("省发展改革委", "省发展和改革委员会"),
            ("市工信局", "市工业和信息化局"),
            ("许昌市工信局", "许昌市工业和信息化局"),
            ("省工信厅", "省工业和信息化厅"),
            ("市人社局", "市人力资源和社会保障局"),
            ("县人力资源社会保障局", "县人力资源和社会保障局"),
            ("区住建局", "区住房和城乡建设局"),
            ("市住房城乡建设局", "市住房和城乡建设局"),
            ("市自然资源规划局", "市自然资源和规划局"),
            ("市科技局", "市科学技术局"),
            ("市市场监管局", "市市场监督管理局"),
            ("市卫健委", "市卫生健康委员会"),
            ("市文化广电旅游局", "市文化广电和旅游局"),
            ("市交通局", "市交通运输局"),
            ("市国资委", "市国有资产监督管理委员会"),
            ("市应急局", "市应急管理局"),
            ("建安区城管局", "建安区城市管理局"),
            ("市医保局", "市医疗保障局"),
            ("市退役军人局", "市退役军人事务局"),
            ("市政府办", "市人民政府办公室"),
            ("市工商联", "市工商业联合会"),
            ("市大数据局", "市政务服务和大数据管理局"),
            ("市生态环境局", "市生态环境局"),
            ("发改委", "发展和改革委员会"),
            (" 市 发展改革委 ", "市发展和改革委员会"),
        ];
        for (input, expected) in rows {
            assert_eq!(canonical_unit_name(input), expected, "{input}");
        }
    }

    #[test]
    fn full_names_and_unknown_bodies_stay_as_they_are() {
        for name in [
            "市发展和改革委员会",
            "市工业和信息化局",
            "市人力资源和社会保障局",
            "市住房和城乡建设局",
            "市自然资源和规划局",
            "市教育局",
            "国网许昌供电公司",
            "各县（市、区）政府",
        ] {
            assert_eq!(canonical_unit_name(name), name);
        }
    }

    #[test]
    fn an_abbreviation_inside_a_longer_name_is_not_expanded() {
        // 公安交通局 is not a jurisdiction's 交通局.
        assert_eq!(canonical_unit_name("市公安交通局"), "市公安交通局");
    }

    #[test]
    fn every_alias_row_expands_to_its_full_name() {
        for (full, shorts) in UNIT_ALIASES {
            for short in *shorts {
                assert_eq!(canonical_unit_name(&format!("市{short}")), format!("市{full}"), "{short}");
            }
            assert_eq!(canonical_unit_name(full), *full);
        }
    }

    #[test]
    fn same_unit_compares_canonical_names() {
        assert!(same_unit("市发展改革委", "市发展和改革委员会"));
        assert!(!same_unit("市发展改革委", "省发展和改革委员会"));
    }
}
