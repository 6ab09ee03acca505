//! Tests of the audit rules: the seed page's pairs, then cases per rule.

use super::*;
use crate::compare::Comparer;

/// The "You May Also Like" pairs of `seeds/related-stories-page.txt`: original, rewrite.
const SEED_PAIRS: [(&str, &str); 12] = [
    (
        "AOC hits back at critics of her gaffe-filled Munich speech — as major Republican suggests she could be president",
        "AOC Responds to Critics of Her Munich Speech Amid Presidential Speculation by Top Republican",
    ),
    (
        "Trump sends hospital ship to Greenland -- after Denmark helped evacuate US Navy sailor from submarine",
        "Trump Deploys Hospital Ship to Greenland Following Denmark’s Crucial Rescue of US Navy Sailor",
    ),
    (
        "Who is El Mencho? Inside the rise of CJNG’s fallen kingpin and the cartel he built",
        "Unveiling El Mencho: The Rise and Fall of CJNG’s Infamous Leader and His Cartel Empire",
    ),
    (
        "Man shot, killed by Secret Service, local deputy outside of Mar-a-Lago, agency says",
        "Tragic Encounter: Secret Service and Local Deputy Involved in Fatal Shooting Near Mar-a-Lago",
    ),
    (
        "US beats Canada 2-1 in overtime to win first men's hockey championship at the Olympics since 1980",
        "Historic Victory: Team USA Clinches First Olympic Men’s Hockey Gold in 43 Years with Thrilling Overtime Win Against Canada",
    ),
    (
        "This Is a Sign: Vanderbilt to Stop Offering Transgender Surgery for Adults",
        "Vanderbilt University to Cease Adult Transgender Surgery Services",
    ),
    (
        "Mets’ Jorge Polanco working on footwork – and ready to do the splits – as he transitions to 1B",
        "Jorge Polanco’s First Base Transition: Mastering Footwork and Flexibility with the Mets",
    ),
    (
        "Rocket launchers among military-grade equipment seized in daring raid that killed notorious Mexican cartel leader 'El Mencho'",
        "Daring Raid Takes Down Infamous Cartel Leader ‘El Mencho’ and Uncovers Military Arsenal",
    ),
    (
        "Iran could ‘activate’ Hezbollah if US targets regime, Trump’s inner circle to decide: expert",
        "Expert Warns: Iran May Mobilize Hezbollah if US Targets Regime, Trump’s Advisors to Make Critical Decision",
    ),
    (
        "TSA says PreCheck still operational after previous announcement of suspension amid partial government shutdown",
        "TSA Confirms PreCheck Services Uninterrupted Despite Government Shutdown Confusion",
    ),
    (
        "Who is 'El Mencho,' the Jalisco New Generation cartel leader gunned down by Mexican military?",
        "Mexican Military Neutralizes Infamous Jalisco New Generation Cartel Leader ‘El Mencho",
    ),
    (
        "Infamous photo of ex-Prince Andrew after his arrest hung in the Louvre by activists, stuns visitors",
        "Activists Display Controversial Photo of Former Prince Andrew Post-Arrest in Louvre, Leaving Visitors Astonished",
    ),
];

fn run(original: &str, rewrite: &str) -> Vec<Finding> {
    let comparer = Comparer::builder().build().expect("default comparer");
    let left = comparer.analyzer().analyze(original);
    let right = comparer.analyzer().analyze(rewrite);
    let comparison = comparer.compare_titles(&left, &right);
    audit(
        &left,
        &right,
        &comparison,
        &Lexicon::default(),
        &AuditPolicy::default(),
    )
}

#[test]
#[allow(clippy::print_stderr, reason = "development aid, run with --nocapture")]
fn print_seed_pairs() {
    for (o, r) in SEED_PAIRS {
        eprintln!("\n{o}\n{r}");
        for f in run(o, r) {
            eprintln!(
                "  {} {} {}: {} {:?} {:?}",
                f.rule,
                f.rule.name(),
                f.severity,
                f.message,
                f.original_spans,
                f.rewrite_spans
            );
        }
    }
}
