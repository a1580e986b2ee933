//! Backoff delays and `Retry-After`.

use std::time::Duration;

use crate::runtime::send::parse_retry_after;

fn client(base: u64, max: u64) -> crate::Client {
    crate::Client::builder()
        .retry_delays(Duration::from_millis(base), Duration::from_millis(max))
        .max_retry_after(Duration::from_secs(60))
        .build()
        .expect("a valid client")
}

#[test]
fn backoff_doubles_from_the_base_is_capped_and_shortened_by_at_most_a_quarter() {
    let client = client(100, 1000);
    let settings = client.settings();
    for (attempt, full) in [
        (1, 100),
        (2, 200),
        (3, 400),
        (4, 800),
        (5, 1000),
        (40, 1000),
    ] {
        let full = Duration::from_millis(full);
        for _ in 0..20 {
            let delay = settings.retry_delay(attempt, None).expect("a delay");
            assert!(
                delay <= full && delay >= full.mul_f64(0.75),
                "{attempt}: {delay:?}"
            );
        }
    }
}

#[test]
fn backoff_is_jittered() {
    let client = client(1000, 8000);
    let delays: std::collections::BTreeSet<Duration> = (0..20)
        .filter_map(|_| client.settings().retry_delay(3, None))
        .collect();
    assert!(delays.len() > 1, "{delays:?}");
}

#[test]
fn retry_after_is_waited_for_up_to_the_maximum() {
    let client = client(100, 1000);
    let settings = client.settings();
    let wait = Duration::from_secs(7);
    assert_eq!(settings.retry_delay(1, Some(wait)), Some(wait));
    assert_eq!(settings.retry_delay(1, Some(Duration::from_secs(61))), None);
}

#[test]
fn retry_after_is_read_as_seconds_or_an_http_date() {
    assert_eq!(parse_retry_after("120"), Some(Duration::from_secs(120)));
    assert_eq!(parse_retry_after(" 0 "), Some(Duration::ZERO));
    // A date in the past means now.
    assert_eq!(
        parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"),
        Some(Duration::ZERO)
    );
    let later = jiff::Timestamp::now() + jiff::SignedDuration::from_secs(30);
    let text = jiff::fmt::rfc2822::DateTimePrinter::new()
        .timestamp_to_rfc9110_string(&later)
        .unwrap();
    let wait = parse_retry_after(&text).expect("a date");
    assert!(
        wait > Duration::from_secs(25) && wait <= Duration::from_secs(30),
        "{wait:?}"
    );
    for odd in ["", "soon", "-1", "1.5"] {
        assert_eq!(parse_retry_after(odd), None, "{odd:?}");
    }
}
