//! The report's charts as plain data — bars, rules and labels with their coordinates — that
//! the page template draws as inline SVG.
//!
//! Hand-laid rather than drawn with a plotting crate: each chart is a handful of bars on
//! fixed axes, so placing them is a few lines of arithmetic, while the crates' SVG backends
//! write their own markup outside the template's escaping, set presentation through inline
//! `style` attributes that the page's Content-Security-Policy forbids, and need a font
//! library to measure their labels. Here every text of a chart goes through the template's
//! escaping like every title, and the colours come from the page's one stylesheet.

/// One chart: a titled SVG of `width` × `height` user units.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// The chart's title (the SVG's `<title>` and the figure caption).
    pub title: String,
    /// Width in user units.
    pub width: u32,
    /// Height in user units.
    pub height: u32,
    /// The bars.
    pub bars: Vec<Bar>,
    /// Axis lines, ticks and marked thresholds.
    pub rules: Vec<Rule>,
    /// Axis labels and values.
    pub labels: Vec<Label>,
    /// The legend: a CSS class and what it stands for.
    pub legend: Vec<(&'static str, String)>,
}

/// A filled rectangle.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width.
    pub width: f64,
    /// Height.
    pub height: f64,
    /// The CSS class that colours it.
    pub class: &'static str,
    /// Its tooltip: what it counts.
    pub tip: String,
}

/// A line.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    /// Start x.
    pub x1: f64,
    /// Start y.
    pub y1: f64,
    /// End x.
    pub x2: f64,
    /// End y.
    pub y2: f64,
    /// The CSS class that styles it.
    pub class: &'static str,
}

/// A text.
#[derive(Debug, Clone, PartialEq)]
pub struct Label {
    /// Anchor x.
    pub x: f64,
    /// Baseline y.
    pub y: f64,
    /// `start`, `middle` or `end`.
    pub anchor: &'static str,
    /// The text.
    pub text: String,
}

/// One stacked segment: the CSS class that colours it, what it counts, and the count.
pub type Segment<'a> = (&'static str, &'a str, u64);
/// A labelled stack of segments: one column or one row of a chart.
pub type Stack<'a> = (String, Vec<Segment<'a>>);

/// Plot area margins: left, right, top, bottom.
const MARGIN: (f64, f64, f64, f64) = (48.0, 16.0, 16.0, 28.0);

/// A vertical bar chart with stacked segments.
///
/// `columns` are the x categories, each with its label and its stacked `(class, name,
/// count)` segments bottom-up; `marks` are vertical lines with a label, and `axis_labels`
/// labels under the axis, each at a fraction of the plot's width.
pub fn stacked_columns(
    title: &str,
    columns: &[Stack<'_>],
    marks: &[(f64, String)],
    legend: Vec<(&'static str, String)>,
    axis_labels: &[(f64, String)],
) -> Chart {
    let (width, height) = (720u32, 260u32);
    let (left, right, top, bottom) = MARGIN;
    let plot_w = f64::from(width) - left - right;
    let plot_h = f64::from(height) - top - bottom;
    let base = top + plot_h;
    let tallest = columns
        .iter()
        .map(|(_, stack)| stack.iter().map(|s| s.2).sum::<u64>())
        .max()
        .unwrap_or(0)
        .max(1);
    let step = plot_w / columns.len().max(1) as f64;
    let mut bars = Vec::new();
    for (i, (label, stack)) in columns.iter().enumerate() {
        let mut y = base;
        for &(class, name, count) in stack {
            if count == 0 {
                continue;
            }
            let h = plot_h * count as f64 / tallest as f64;
            y -= h;
            bars.push(Bar {
                x: round(left + step * i as f64 + 1.0),
                y: round(y),
                width: round((step - 2.0).max(1.0)),
                height: round(h),
                class,
                tip: format!("{label}: {count} {name}"),
            });
        }
    }
    let mut rules = vec![
        axis(left, base, left + plot_w, base),
        axis(left, top, left, base),
    ];
    let mut labels = vec![
        Label {
            x: left - 6.0,
            y: top + 4.0,
            anchor: "end",
            text: tallest.to_string(),
        },
        Label {
            x: left - 6.0,
            y: base,
            anchor: "end",
            text: "0".to_owned(),
        },
    ];
    for (at, text) in axis_labels {
        labels.push(Label {
            x: round(left + plot_w * at.clamp(0.0, 1.0)),
            y: base + 20.0,
            anchor: "middle",
            text: text.clone(),
        });
    }
    // Each mark's label beside its line near the top, one line lower than the last's, so
    // close thresholds keep their labels apart.
    for (i, (at, text)) in marks.iter().enumerate() {
        let x = round(left + plot_w * at.clamp(0.0, 1.0));
        rules.push(Rule {
            x1: x,
            y1: top,
            x2: x,
            y2: base,
            class: "mark",
        });
        labels.push(Label {
            x: x + 4.0,
            y: top + 14.0 + 18.0 * i as f64,
            anchor: "start",
            text: text.clone(),
        });
    }
    Chart {
        title: title.to_owned(),
        width,
        height,
        bars,
        rules,
        labels,
        legend,
    }
}

/// A horizontal bar chart with stacked segments: one row per `(label, segments)`.
pub fn stacked_rows(title: &str, rows: &[Stack<'_>], legend: Vec<(&'static str, String)>) -> Chart {
    let row_h = 22.0;
    let label_w = 260.0;
    let width = 720u32;
    let height = (rows.len().max(1) as f64 * row_h + 24.0).ceil() as u32;
    let plot_w = f64::from(width) - label_w - 56.0;
    let widest = rows
        .iter()
        .map(|(_, stack)| stack.iter().map(|s| s.2).sum::<u64>())
        .max()
        .unwrap_or(0)
        .max(1);
    let mut bars = Vec::new();
    let mut labels = Vec::new();
    for (i, (label, stack)) in rows.iter().enumerate() {
        let y = 8.0 + row_h * i as f64;
        labels.push(Label {
            x: label_w - 8.0,
            y: y + 14.0,
            anchor: "end",
            text: label.clone(),
        });
        let mut x = label_w;
        for &(class, name, count) in stack {
            if count == 0 {
                continue;
            }
            let w = plot_w * count as f64 / widest as f64;
            bars.push(Bar {
                x: round(x),
                y,
                width: round(w.max(1.0)),
                height: row_h - 6.0,
                class,
                tip: format!("{label}: {count} {name}"),
            });
            x += w;
        }
        labels.push(Label {
            x: round(x + 6.0),
            y: y + 14.0,
            anchor: "start",
            text: stack.iter().map(|s| s.2).sum::<u64>().to_string(),
        });
    }
    Chart {
        title: title.to_owned(),
        width,
        height,
        bars,
        rules: vec![axis(label_w, 4.0, label_w, f64::from(height) - 12.0)],
        labels,
        legend,
    }
}

fn axis(x1: f64, y1: f64, x2: f64, y2: f64) -> Rule {
    Rule {
        x1,
        y1,
        x2,
        y2,
        class: "axis",
    }
}

/// One decimal place: enough for a screen, and a short file.
fn round(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stacked_columns_scale_to_the_tallest_stack_and_skip_empty_segments() {
        let columns = vec![
            ("a".to_owned(), vec![("v1", "one", 2), ("v2", "two", 2)]),
            ("b".to_owned(), vec![("v1", "one", 1), ("v2", "two", 0)]),
        ];
        let chart = stacked_columns("t", &columns, &[(0.5, "mid".into())], Vec::new(), &[]);
        assert_eq!(chart.bars.len(), 3);
        let plot_h = f64::from(chart.height) - MARGIN.2 - MARGIN.3;
        // The tallest stack fills the plot; b's one item is a quarter of it.
        assert_eq!(chart.bars[0].height + chart.bars[1].height, plot_h);
        assert_eq!(chart.bars[2].height, plot_h / 4.0);
        assert_eq!(chart.bars[2].tip, "b: 1 one");
        let mark = chart.rules.iter().find(|r| r.class == "mark").unwrap();
        assert_eq!(mark.x1, MARGIN.0 + (720.0 - MARGIN.0 - MARGIN.1) / 2.0);
    }

    #[test]
    fn stacked_rows_put_each_segment_after_the_last() {
        let rows = vec![(
            "ND101".to_owned(),
            vec![("e", "error", 3), ("w", "warning", 1)],
        )];
        let chart = stacked_rows("t", &rows, Vec::new());
        assert_eq!(chart.bars.len(), 2);
        assert_eq!(chart.bars[1].x, chart.bars[0].x + chart.bars[0].width);
        assert!(chart.labels.iter().any(|l| l.text == "4"));
    }
}
