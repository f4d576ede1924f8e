/// The report's only style sheet, inline in the page. System fonts only (a web font would be an
/// external request); light colours that survive black-and-white printing; tables that stay
/// readable on a phone (the chart and wide tables scroll sideways, cells never wrap mid-date) and on paper (rows never split, headers repeat).
public enum BacktestHTMLStyle {
    public static let css = """
    :root { color-scheme: light; }
    * { box-sizing: border-box; }
    body { margin: 0; background: #ffffff; color: #1f2328;
           font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
    main { max-width: 1040px; margin: 0 auto; padding: 28px 20px 56px; }
    h1 { font-size: 1.6em; line-height: 1.25; margin: 0 0 0.2em; }
    h2 { font-size: 1.15em; margin: 1.6em 0 0.5em; }
    .subtitle { color: #57606a; margin: 0 0 1.4em; }
    figure.chart { margin: 0 0 1.8em; overflow-x: auto; }
    figure.chart svg { display: block; width: 100%; min-width: 720px; height: auto; }
    .chart-missing { color: #57606a; font-style: italic; }
    .table-wrap { overflow-x: auto; margin: 0 0 1.8em; }
    table { border-collapse: collapse; width: 100%; font-size: 0.93em; }
    caption { caption-side: top; text-align: left; font-weight: 600; font-size: 1.08em; padding: 0 0 0.45em; }
    th, td { padding: 0.38em 0.7em; text-align: left; vertical-align: top; border-bottom: 1px solid #e3e6ea; }
    td { white-space: nowrap; }
    thead th { background: #f3f5f8; border-bottom: 2px solid #c9ced5; white-space: nowrap; }
    tbody tr:nth-child(even) { background: #f8f9fb; }
    .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    .notes p { max-width: 78ch; color: #33393f; }
    @media print {
      body { font-size: 10pt; }
      main { max-width: none; padding: 0; }
      .table-wrap { overflow: visible; }
      figure.chart, tr { break-inside: avoid; page-break-inside: avoid; }
      thead { display: table-header-group; }
      thead th, tbody tr:nth-child(even) { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
    }

    """
}
