//! 责任单位 markers: where a task names the bodies responsible for it.

/// A unit marker is a pattern, not a list: a role word, an optional
/// qualifier of a few chars, a head noun, then `:` (`责任单位：`,
/// `牵头考核单位：`, `责任主体：`, `主要责任部门：`). In the order a list
/// reads, the first unit named is the lead (牵头).
pub static MARKER_ROLES: &[&str] = &[
    "牵头",
    "责任",
    "主责",
    "主办",
    "承办",
    "协办",
    "配合",
    "参与",
    "实施",
    "协同",
    "协助",
    "主要责任",
    "直接责任",
    "具体责任",
    "联系",
];

/// The head noun that closes a unit marker.
pub static MARKER_HEADS: &[&str] = &["单位", "部门", "主体", "领导", "处室", "科室", "机构", "人"];

/// At most this many chars of qualifier stand between role and head
/// (`牵头考核单位`, `责任落实部门`).
pub const MARKER_QUALIFIER_MAX: usize = 4;

/// Unit lists end a unit-marker bracket with these (`（省教育厅负责）`).
/// Stripped from the end of a unit's name; a bracket whose content ends in one
/// of these is itself a unit list.
pub static DUTY_SUFFIXES: &[&str] = &[
    "按职责分工负责",
    "按职责负责",
    "按职能分工负责",
    "分别负责",
    "共同负责",
    "具体负责",
    "负责",
    "牵头",
    "配合",
    "参与",
];

/// A standing note names a unit for this and every later task:
/// `以下均需各县〔市、区〕政府〔管委会〕负责，不再列出`.
pub static STANDING_NOTE_OPENERS: &[&str] = &["以下均需", "以下均由", "以下各项均需", "以下各项均由", "以下均"];

/// Closes a standing note (the unit is before it).
pub static STANDING_NOTE_CLOSERS: &[&str] = &["负责", "落实"];

/// Set phrases that name one group of governments: their 、 does not split.
pub static SET_PHRASES: &[&str] = &[
    "各区、市政府",
    "有关区、市政府",
    "各县、市、区",
    "各县、市",
    "各市、县",
    "各县、区",
    "各区、县",
    "各市、区",
    "各县(市、区)",
    "各县(市)",
    "各乡、镇",
    "各乡镇、街道",
];

/// Separators between unit names.
pub static SEPARATORS: &[char] = &['、', ',', ';', '，', '；'];

/// A unit's name never starts with these leftovers of a sentence.
pub static NOISE_PREFIXES: &[&str] = &["由", "各由"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_and_heads_cover_the_spec() {
        for r in ["责任", "牵头", "配合"] {
            assert!(MARKER_ROLES.contains(&r), "{r}");
        }
        for h in ["单位", "部门", "主体"] {
            assert!(MARKER_HEADS.contains(&h), "{h}");
        }
    }

    #[test]
    fn duty_suffixes_longest_first_are_all_present() {
        assert!(DUTY_SUFFIXES.contains(&"负责"));
        assert!(DUTY_SUFFIXES.contains(&"按职责分工负责"));
    }

    #[test]
    fn set_phrases_keep_their_inner_comma() {
        assert!(SET_PHRASES.contains(&"各区、市政府"));
        assert!(SET_PHRASES.contains(&"各县、市、区"));
    }

    #[test]
    fn standing_note_openers() {
        assert!(STANDING_NOTE_OPENERS.iter().any(|o| "以下均需各县负责".starts_with(o)));
    }
}
