using System.Security.Cryptography;
using System.Text;

namespace Scim.Conformance.Reports.Renderers;

/// <summary>The inline stylesheet and script of report.html, and the Content-Security-Policy that pins them.
/// The report must open from a file, an e-mail or an artifact store with no network, so nothing is fetched:
/// system fonts, no CDN, no web font. The policy allows exactly this stylesheet and this script by their hash
/// and forbids any other script, style, frame or fetch: even if hostile server text slipped through encoding,
/// the browser would refuse to run or load it.</summary>
internal static class HtmlReportAssets
{
    public const string Css = """

:root { --pass:#1a7f37; --fail:#cf222e; --warn:#9a6700; --info:#0969da; --notapplicable:#6e7781; --skipped:#8c959f; --error:#8250df;
  --border:#d0d7de; --muted:#57606a; --bg-soft:#f6f8fa; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color:#1f2328; margin:0; }
header, main, footer, nav { max-width: 1200px; margin: 0 auto; padding: 0 24px; }
header { padding-top: 24px; }
h1 { font-size: 1.7em; margin: 0 0 8px; }
h2 { font-size: 1.3em; border-bottom: 1px solid var(--border); padding-bottom: 4px; margin-top: 32px; }
h3 { font-size: 1.1em; margin-top: 24px; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 0.9em; }
pre { background: var(--bg-soft); border: 1px solid var(--border); border-radius: 6px; padding: 8px 12px; overflow: auto;
  max-height: 480px; white-space: pre-wrap; word-break: break-all; }
table { border-collapse: collapse; margin: 8px 0; }
th, td { border: 1px solid var(--border); padding: 4px 10px; text-align: left; vertical-align: top; }
th { background: var(--bg-soft); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.zero { color: #afb8c1; }
.verdict { font-size: 1.2em; font-weight: 600; padding: 10px 14px; border-radius: 6px; border-left: 6px solid; background: var(--bg-soft); }
.verdict-conforms { border-color: var(--pass); } .verdict-conformswithwarnings { border-color: var(--warn); }
.verdict-doesnotconform { border-color: var(--fail); } .verdict-inconclusive { border-color: var(--error); }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 12px 0; }
dl.facts dt { color: var(--muted); } dl.facts dd { margin: 0; overflow-wrap: anywhere; }
nav { margin-top: 12px; } nav a { margin-right: 16px; }
.badge { display: inline-block; min-width: 7.5em; text-align: center; padding: 1px 8px; border-radius: 12px; color: #fff;
  font-size: 0.85em; font-weight: 600; }
.o-pass { background: var(--pass); } .o-fail { background: var(--fail); } .o-warn { background: var(--warn); }
.o-info { background: var(--info); } .o-notapplicable { background: var(--notapplicable); } .o-skipped { background: var(--skipped); }
.o-error { background: var(--error); }
.filters { margin: 12px 0; display: flex; flex-wrap: wrap; gap: 6px; }
.filters button { font: inherit; font-size: 0.9em; padding: 3px 10px; border: 1px solid var(--border); border-radius: 16px;
  background: #fff; cursor: pointer; }
.filters button[aria-pressed="true"] { background: #1f2328; color: #fff; }
details.check { border: 1px solid var(--border); border-radius: 6px; margin: 8px 0; padding: 0 12px; }
details.check > summary { cursor: pointer; padding: 8px 0; list-style-position: outside; }
details.check[open] > summary { border-bottom: 1px solid var(--border); margin-bottom: 8px; }
details.check .title { font-weight: 600; }
details.check dl.facts dd { white-space: pre-line; }
.level { font-size: 0.8em; color: var(--muted); border: 1px solid var(--border); border-radius: 4px; padding: 0 4px; }
.permalink { color: var(--muted); text-decoration: none; margin-left: 6px; }
details.exchange { margin: 6px 0 10px; } details.exchange > summary { cursor: pointer; }
.muted { color: var(--muted); }
footer { color: var(--muted); font-size: 0.85em; padding-top: 24px; padding-bottom: 24px; }
@media print { .filters { display: none; } details.check { break-inside: avoid; } }

""";

    public const string Script = """

(function () {
  "use strict";
  var checks = document.querySelectorAll("details.check");
  var areas = document.querySelectorAll("section.area");
  var bar = document.getElementById("filters");
  function apply(outcome) {
    checks.forEach(function (c) { c.hidden = outcome !== "all" && c.getAttribute("data-outcome") !== outcome; });
    areas.forEach(function (a) { a.hidden = a.querySelector("details.check:not([hidden])") === null; });
    bar.querySelectorAll("button").forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.getAttribute("data-filter") === outcome));
    });
  }
  bar.addEventListener("click", function (e) {
    var button = e.target.closest("button");
    if (button) apply(button.getAttribute("data-filter"));
  });
  var wanted = /^#outcome=(\w+)$/.exec(window.location.hash);
  apply(wanted ? wanted[1] : "all");
  bar.hidden = false;
  document.documentElement.setAttribute("data-script", "ready");
})();

""";

    /// <summary>The policy for the report's <c>&lt;meta http-equiv="Content-Security-Policy"&gt;</c>.</summary>
    public static string ContentSecurityPolicy { get; } =
        $"default-src 'none'; style-src '{Sha256(Css)}'; script-src '{Sha256(Script)}'; img-src data:; "
        + "base-uri 'none'; form-action 'none'";

    private static string Sha256(string text) => "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
