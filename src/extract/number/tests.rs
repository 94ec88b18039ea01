//! Unit and property tests of the number reader.

use std::str::FromStr;

use proptest::prelude::*;

use super::scanner::max_value;
use super::*;
use crate::lexicon::pack::Packs;

fn numerals() -> &'static Numerals {
    static NUMERALS: std::sync::OnceLock<Numerals> = std::sync::OnceLock::new();
    NUMERALS.get_or_init(|| Packs::builtin().expect("built-in packs load").numerals)
}

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// The only number in `text`, which must span all of it.
fn one(text: &str) -> NumberExpr {
    let found = numerals().scan(text);
    assert_eq!(found.len(), 1, "{text}: {found:?}");
    let n = found[0].clone();
    assert_eq!((n.start, n.end), (0, text.len()), "{text}: {n:?}");
    n
}

fn values(text: &str) -> Vec<Decimal> {
    numerals().scan(text).into_iter().map(|n| n.value).collect()
}

/// value, step, last_place, rounded
fn check(text: &str, value: &str, step: &str, last_place: &str, rounded: bool) {
    let n = one(text);
    assert_eq!(
        (n.value, n.step, n.last_place, n.rounded),
        (d(value), d(step), d(last_place), rounded),
        "{text}: {n:?}"
    );
}

#[test]
fn every_pack_example_reads() {
    let packs = Packs::builtin().unwrap();
    for pack in &packs.packs {
        for ex in &pack.spec.numerals.examples {
            let n = one(&ex.text);
            assert_eq!(n.value, ex.value, "{}", ex.text);
            if let Some(step) = ex.step {
                assert_eq!(n.step, step, "step of {}", ex.text);
            }
            if let Some(last_place) = ex.last_place {
                assert_eq!(n.last_place, last_place, "last place of {}", ex.text);
            }
            if let Some(rounded) = ex.rounded {
                assert_eq!(n.rounded, rounded, "rounded of {}", ex.text);
            }
        }
    }
}

#[test]
fn every_abbreviation_stands_for_a_known_word() {
    for pack in &Packs::builtin().unwrap().packs {
        let n = &pack.spec.numerals;
        for (abbr, word) in &n.abbreviations {
            let known = pack.spec.numerals.scales.contains_key(word) || n.multipliers.contains_key(word);
            assert!(known, "{abbr}: {word} is neither a scale nor a multiplier");
        }
    }
}

#[test]
fn ascii_digits_step_and_last_place() {
    check("7300", "7300", "100", "1", false);
    check("16800", "16800", "100", "1", false);
    check("10", "10", "10", "1", false);
    check("12", "12", "1", "1", false);
    check("0", "0", "1", "1", false);
    check("1,829", "1829", "1", "1", false);
    check("97.6", "97.6", "0.1", "0.1", true);
    check("4.800", "4.800", "0.1", "0.001", true);
}

#[test]
fn full_width_digits_and_separators() {
    check("１２３", "123", "1", "1", false);
    check("２．２", "2.2", "0.1", "0.1", true);
    check("４，５６５", "4565", "1", "1", false);
    check("1\u{2009}234\u{2009}567", "1234567", "1", "1", false);
    check("40\u{202F}000", "40000", "10000", "1", false);
    check("1,050,000,000", "1050000000", "10000000", "1", false);
}

#[test]
fn separators_only_between_groups_of_three() {
    assert_eq!(values("1, 234, 567"), [d("1"), d("234"), d("567")]);
    assert_eq!(values("1,23"), [d("1"), d("23")]);
    assert_eq!(values("1234,567"), [d("1234"), d("567")]);
    assert_eq!(values("1,2345"), [d("1"), d("2345")]);
    assert_eq!(values("二百三十三，五百七十七"), [d("233"), d("577")]);
    assert_eq!(values(",,,,,,1,,,,"), [d("1")]);
    // Dotted codes are no numbers: IP addresses, versions, section numbers.
    assert_eq!(values("192.168.1.2 和 3.2.1 节"), []);
}

#[test]
fn mixed_digits_and_scale_words() {
    check("1.9万", "19000", "1000", "1000", true);
    check("38.91万", "389100", "100", "100", true);
    check("4180.74万", "41807400", "100", "100", true);
    check("3千", "3000", "1000", "1000", false);
    check("50万", "500000", "100000", "10000", true);
    check("1.2亿", "120000000", "10000000", "10000000", true);
    check("2万亿", "2000000000000", "1000000000000", "1000000000000", true);
    check("1,100万", "11000000", "1000000", "10000", true);
    check("3万4000", "34000", "1000", "1", true);
    check("5万4千6百", "54600", "100", "100", true);
    check("7 万5 千4 百", "75400", "100", "100", true);
    check("10万万", "1000000000", "1000000000", "100000000", true);
}

#[test]
fn chinese_numerals() {
    check("一千八百二十九", "1829", "1", "1", false);
    check("两千", "2000", "1000", "1000", false);
    check("十二", "12", "1", "1", false);
    check("十", "10", "10", "10", false);
    check("二十", "20", "10", "10", false);
    check("一万二", "12000", "1000", "1000", true);
    check("三千五", "3500", "100", "100", false);
    check("一百五", "150", "10", "10", false);
    check("一千零五", "1005", "1", "1", false);
    check("二〇二二", "2022", "1", "1", false);
    check("九十七点六", "97.6", "0.1", "0.1", true);
    check("五十万", "500000", "100000", "100000", true);
    check("壹仟贰佰叁拾肆", "1234", "1", "1", false);
    check("五萬", "50000", "10000", "10000", true);
    check("四億", "400000000", "100000000", "100000000", true);
    check("四万万", "400000000", "100000000", "100000000", true);
    check("一万五千亿", "1500000000000", "100000000000", "100000000000", true);
    check("五兆六十二亿四万五千二", "5006200045200", "100", "100", true);
    check("两千点零", "2000", "1000", "0.1", true);
    check("三点五亿", "350000000", "10000000", "10000000", true);
    check("拾万零五十六", "100056", "1", "1", true);
    check("百二万", "1200000", "100000", "100000", true);
    check("六十二亿四万五千二", "6200045200", "100", "100", true);
    check("四千零五万", "40050000", "10000", "10000", true);
    check("五十五万", "550000", "10000", "10000", true);
    check("一百十一", "111", "1", "1", false);
    check("五百卅四", "534", "1", "1", false);
}

#[test]
fn prefix_and_fraction_forms() {
    let n = one("百分之九十七点六");
    assert_eq!((n.value, n.form, n.step), (d("97.6"), NumberForm::Percent, d("0.1")));
    let n = one("千分之三");
    assert_eq!((n.value, n.form), (d("3"), NumberForm::PerMille));
    let n = one("三分之一");
    assert_eq!((n.value, n.form, n.rounded), (d("0.3333333333"), NumberForm::Fraction, true));
    let n = one("三百五十又三分之一");
    assert_eq!((n.value, n.form), (d("350.3333333333"), NumberForm::Fraction));
    assert_eq!(one("百分之2.4").value, d("2.4"));
    // A percent sign after the number is not part of it: `figure` reads it.
    let found = numerals().scan("97.6%");
    assert_eq!((found[0].end, found[0].form), (4, NumberForm::Plain));
    // 分之 with nothing after it is no fraction.
    assert_eq!(values("二分之。"), [d("2")]);
    assert_eq!(one("三分  之一").value, d("0.3333333333"));
    assert_eq!(one("2.5e6").value, d("2500000"));
    assert_eq!(one("负三分之负一").value, d("0.3333333333"));
    assert_eq!(one("-12e-1").value, d("-1.2"));
    assert_eq!(values("2e99999"), []);
    assert_eq!(values("5e-mail"), [d("5")]);
    assert_eq!(values("两两"), [d("2"), d("2")]);
    assert_eq!(values("一点两小时"), [d("1"), d("2")]);
    assert!(numerals().scan("零分之一").iter().all(|n| n.form != NumberForm::Fraction));
}

#[test]
fn a_dash_between_percents_is_a_range_not_a_minus() {
    assert_eq!(values("增长6%－6.5%"), [d("6"), d("6.5")]);
}

#[test]
fn negatives() {
    assert_eq!(one("负三十二").value, d("-32"));
    assert_eq!(one("負10000").value, d("-10000"));
    assert_eq!(one("-10000").value, d("-10000"));
    assert_eq!(one("minus 5").value, d("-5"));
    // A hyphen after a number or a letter is no minus sign.
    assert_eq!(values("2019-2020"), [d("2019"), d("2020")]);
    assert_eq!(values("COVID-19"), [d("19")]);
    assert_eq!(values("温度-5度"), [d("-5")]);
    assert_eq!(values("三-五年"), [d("3"), d("5")]);
    // Ranges and lists are two numbers.
    assert_eq!(values("5万-10万元"), [d("50000"), d("100000")]);
    assert_eq!(values("5万 10万元"), [d("50000"), d("100000")]);
    assert_eq!(values("五万-六万"), [d("50000"), d("60000")]);
    assert_eq!(values("3-5年"), [d("3"), d("5")]);
    assert_eq!(values("one-two"), [d("1"), d("2")]);
}

#[test]
fn english_numbers() {
    check("twelve", "12", "1", "1", false);
    check("two hundred and fifty", "250", "10", "10", false);
    check("one thousand two hundred", "1200", "100", "100", false);
    check("two hundred thousand", "200000", "100000", "100000", false);
    check("twenty-one", "21", "1", "1", false);
    check("Twenty-six", "26", "1", "1", false);
    check("3.1bn", "3100000000", "100000000", "100000000", true);
    check("4.2 billion", "4200000000", "100000000", "100000000", true);
    check("38.91 million", "38910000", "10000", "10000", true);
    check("1.5m", "1500000", "100000", "100000", true);
    check("40k", "40000", "10000", "1000", false);
    check("twenty-one trillion and three hundred", "21000000000300", "100", "100", true);
    check("two hundred point zero three", "200.03", "0.01", "0.01", true);
    let found = numerals().scan("$4.2 billion");
    assert_eq!((found[0].start, found[0].value), (1, d("4200000000")));
}

#[test]
fn english_words_only_at_word_boundaries() {
    assert!(values("someone often attends tone money tenant").is_empty());
    assert!(values("A380 G20 x86").is_empty());
    assert_eq!(values("one two three"), [d("1"), d("2"), d("3")]);
    assert_eq!(values("In 2020 twenty people"), [d("2020"), d("20")]);
}

#[test]
fn words_that_are_not_numbers() {
    assert_eq!(values("这不是四川这是五台山"), [d("5")]);
    assert!(values("一切都好，陆地上的队伍收拾好了").is_empty());
    assert_eq!(values("装机100兆瓦"), [d("100")]);
}

#[test]
fn suffixes_are_left_to_figures() {
    let text = "化解矛盾纠纷7300余起，清查渔船1.9万余艘次";
    let found = numerals().scan(text);
    assert_eq!(found.len(), 2);
    assert_eq!(&text[found[0].start..found[0].end], "7300");
    assert_eq!(&text[found[1].start..found[1].end], "1.9万");
}

#[test]
fn absurd_input_neither_panics_nor_overflows() {
    let long = "9".repeat(500);
    assert!(numerals().scan(&long).is_empty());
    assert!(numerals().scan(&format!("{long}.{long}")).len() <= 1);
    let _ = numerals().scan("万万万万亿");
    let _ = numerals().scan(&"九万".repeat(200));
    let _ = numerals().scan(&"九千九百九十九万亿".repeat(50));
    let _ = numerals().scan(&"一".repeat(1000));
    let _ = numerals().scan(&",".repeat(1000));
    let _ = numerals().scan(&"1,".repeat(1000));
    let _ = numerals().scan(&"0.".repeat(1000));
    let _ = numerals().scan("百分之百分之百分之");
    let _ = numerals().scan("0.0000000000000000000000000000000001万亿");
    let _ = numerals().scan("99999999999999999999999999999万亿");
    let _ = numerals().scan("一万万万万万万万万万万万万万万万万万万万万");
    for n in numerals().scan(&"九".repeat(100)) {
        assert!(n.value.abs() < max_value());
    }
}

/// An integer written in Chinese numerals, with 零 and 十 as in print.
fn chinese(n: u64) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    /// A group below 10000, without leading zeros.
    fn group(n: u64, out: &mut String, first: bool) {
        let mut zero = false;
        let mut started = false;
        for (place, word) in [(1000, "千"), (100, "百"), (10, "十"), (1, "")] {
            let d = (n / place % 10) as usize;
            if d == 0 {
                zero = started;
                continue;
            }
            if zero {
                out.push('零');
                zero = false;
            }
            // 十二 at the very start, 一十二 elsewhere.
            if !(d == 1 && place == 10 && !started && first) {
                out.push_str(DIGITS[d]);
            }
            out.push_str(word);
            started = true;
        }
    }
    if n == 0 {
        return "零".into();
    }
    let mut out = String::new();
    let mut started = false;
    let mut zero = false;
    for (scale, word) in [(100_000_000u64, "亿"), (10_000, "万"), (1, "")] {
        let g = if scale == 100_000_000 { n / scale } else { n / scale % 10000 };
        if g == 0 {
            zero |= started;
            continue;
        }
        if started && (zero || g < 1000) {
            out.push('零');
        }
        zero = false;
        group(g, &mut out, !started);
        out.push_str(word);
        started = true;
    }
    out
}

#[test]
fn chinese_writer_matches_known_forms() {
    assert_eq!(chinese(1829), "一千八百二十九");
    assert_eq!(chinese(12), "十二");
    assert_eq!(chinese(1005), "一千零五");
    assert_eq!(chinese(100056), "十万零五十六");
    assert_eq!(chinese(456420015), "四亿五千六百四十二万零一十五");
}

fn with_separators(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[test]
fn words_no_number_word_begins_are_passed_whole() {
    let numerals = numerals();
    // The first word of every English number word, prefix and sign starts one.
    for word in ["two", "Twenty", "HUNDRED", "million", "minus", "one"] {
        assert!(numerals.may_start_word(word.as_bytes()), "{word}");
    }
    for word in ["the", "sold", "twos", "A380", "tw"] {
        assert!(!numerals.may_start_word(word.as_bytes()), "{word}");
    }
    // Passing words changes nothing read around them.
    assert_eq!(
        values("Sold twenty-one of the 40, minus two; the Twelve and A380s"),
        [d("21"), d("40"), d("-2"), d("12")]
    );
}

proptest! {
    #[test]
    fn chinese_numerals_read_back(n in 0u64..1_000_000_000_000) {
        let text = chinese(n);
        let found = numerals().scan(&text);
        prop_assert_eq!(found.len(), 1, "{} {:?}", text, found);
        prop_assert_eq!(found[0].value, Decimal::from(n), "{}", text);
        prop_assert_eq!(found[0].end, text.len());
    }

    #[test]
    fn separated_integers_read_back(n in 0u64..u64::MAX) {
        let text = with_separators(n);
        let found = numerals().scan(&text);
        prop_assert_eq!(found.len(), 1, "{} {:?}", text, found);
        prop_assert_eq!(found[0].value, Decimal::from(n));
        prop_assert_eq!(found[0].end, text.len());
    }

    #[test]
    fn decimals_read_back(n in 0u64..10_000_000, places in 0u32..6) {
        let value = Decimal::new(n as i64, places);
        let text = value.to_string();
        let found = numerals().scan(&text);
        prop_assert_eq!(found.len(), 1);
        prop_assert_eq!(found[0].value, value);
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,64}") {
        for n in numerals().scan(&text) {
            prop_assert!(n.start < n.end && n.end <= text.len());
            prop_assert!(text.is_char_boundary(n.start) && text.is_char_boundary(n.end));
        }
    }

    #[test]
    fn numeral_soup_never_panics(text in "[0-9０-９,，.．点點万萬亿億兆千百十零〇一二两三四五六七八九壹贰分之又负百分之−andhundredthousandmillion k-]{0,48}") {
        let found = numerals().scan(&text);
        for pair in found.windows(2) {
            prop_assert!(pair[0].end <= pair[1].start);
        }
        for n in found {
            prop_assert!(n.start < n.end && n.end <= text.len());
            prop_assert!(text.is_char_boundary(n.start) && text.is_char_boundary(n.end));
        }
    }
}
