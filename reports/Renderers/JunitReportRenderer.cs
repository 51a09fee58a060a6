using System.Globalization;
using System.Xml;
using Scim.Conformance.Reports.Model;

namespace Scim.Conformance.Reports.Renderers;

/// <summary><c>junit.xml</c> for CI test tabs: one <c>&lt;testsuite&gt;</c> per area, one <c>&lt;testcase&gt;</c>
/// per check. JUnit knows only passed, failed, errored and skipped, so: Fail is a failure, Error an error,
/// NotApplicable and Skipped are skipped, and Warn and Info pass (the server conforms) with the reason in
/// <c>&lt;system-out&gt;</c> and the real outcome in an <c>outcome</c> property, so nothing is lost.</summary>
public sealed class JunitReportRenderer : IReportRenderer
{
    public string Name => "junit.xml";

    public void Write(ResultDocument document, string outputDirectory)
    {
        var settings = new XmlWriterSettings
        {
            Encoding = ReportText.Utf8,
            Indent = true,
            // Every string goes through ReportText.XmlSafe; this stays on so a missed one fails loudly here
            // rather than silently producing a file the CI cannot parse.
            CheckCharacters = true,
        };
        using var xml = XmlWriter.Create(Path.Combine(outputDirectory, Name), settings);

        var checks = document.Checks;
        xml.WriteStartDocument();
        xml.WriteStartElement("testsuites");
        Attr(xml, "name", $"SCIM conformance: {document.Target.Name}");
        WriteCounts(xml, checks);
        Attr(xml, "timestamp", document.StartedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture));

        var id = 0;
        foreach (var area in checks.GroupBy(c => c.Area).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            xml.WriteStartElement("testsuite");
            Attr(xml, "name", area.Key);
            Attr(xml, "id", (id++).ToString(CultureInfo.InvariantCulture));
            WriteCounts(xml, [.. area]);
            Attr(xml, "timestamp", document.StartedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture));
            Attr(xml, "hostname", ReportText.DisplayUrl(document.Target.BaseUrl));

            xml.WriteStartElement("properties");
            Property(xml, "target", document.Target.Name);
            Property(xml, "baseUrl", ReportText.DisplayUrl(document.Target.BaseUrl));
            Property(xml, "profile", document.Profile);
            Property(xml, "tool", $"{document.Tool.Name} {document.Tool.Version}");
            xml.WriteEndElement();

            foreach (var check in area.OrderBy(c => c.Id, StringComparer.Ordinal))
                WriteTestCase(xml, check, document.Target.BaseUrl);
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    private static void WriteTestCase(XmlWriter xml, CheckResult check, string baseUrl)
    {
        xml.WriteStartElement("testcase");
        Attr(xml, "classname", check.Area);
        Attr(xml, "name", ReportText.CheckName(check));
        Attr(xml, "time", ReportText.Seconds(check.DurationMs));

        xml.WriteStartElement("properties");
        Property(xml, "id", check.Id);
        Property(xml, "outcome", check.Outcome.ToString());
        Property(xml, "level", check.Level.Keyword());
        foreach (var reference in check.References) Property(xml, "reference", reference);
        foreach (var row in check.CatalogRows) Property(xml, "catalogRow", row);
        if (check.Baseline is { } baseline) Property(xml, "baseline", baseline.Status.ToString());
        xml.WriteEndElement();

        var reason = check.Reason ?? "";
        switch (check.Outcome)
        {
            case Outcome.Fail:
                Element(xml, "failure", message: reason, type: $"{check.Level.Keyword()} violated", Details(check, baseUrl));
                break;
            case Outcome.Error:
                Element(xml, "error", message: reason, type: "harness or network error", Details(check, baseUrl));
                break;
            case Outcome.NotApplicable or Outcome.Skipped:
                Element(xml, "skipped", message: $"{OutcomeText.Label(check.Outcome)}: {reason}", type: null, body: null);
                break;
            case Outcome.Warn or Outcome.Info:
                xml.WriteStartElement("system-out");
                xml.WriteString(ReportText.XmlSafe($"{check.Outcome} ({check.Level.Keyword()}): {reason}\n{Details(check, baseUrl)}"));
                xml.WriteEndElement();
                break;
        }
        xml.WriteEndElement();
    }

    // What a developer needs in the CI failure pane: the requirement, Expected vs Actual, and the requests made.
    private static string Details(CheckResult check, string baseUrl)
    {
        var lines = new List<string>();
        if (check.Requirement is { } requirement) lines.Add($"Requirement ({check.Level.Keyword()}): {requirement}");
        if (ReportText.ExpectedActual(check) is { } expectedActual) lines.Add(expectedActual);
        if (check.References.Count > 0) lines.Add($"References: {string.Join(", ", check.References)}");
        foreach (var r in check.Requirements) lines.Add($"Judges: {ReportText.Requirement(r)}");
        foreach (var exchange in check.Exchanges) lines.Add($"HTTP: {ExchangeText.Title(exchange, baseUrl)}");
        return string.Join('\n', lines);
    }

    private static void WriteCounts(XmlWriter xml, IReadOnlyCollection<CheckResult> checks)
    {
        Attr(xml, "tests", checks.Count);
        Attr(xml, "failures", checks.Count(c => c.Outcome == Outcome.Fail));
        Attr(xml, "errors", checks.Count(c => c.Outcome == Outcome.Error));
        Attr(xml, "skipped", checks.Count(c => c.Outcome is Outcome.NotApplicable or Outcome.Skipped));
        Attr(xml, "time", ReportText.Seconds(checks.Sum(c => c.DurationMs)));
    }

    private static void Element(XmlWriter xml, string name, string message, string? type, string? body)
    {
        xml.WriteStartElement(name);
        Attr(xml, "message", message);
        if (type is not null) Attr(xml, "type", type);
        if (!string.IsNullOrEmpty(body)) xml.WriteString(ReportText.XmlSafe(body));
        xml.WriteEndElement();
    }

    private static void Property(XmlWriter xml, string name, string value)
    {
        xml.WriteStartElement("property");
        Attr(xml, "name", name);
        Attr(xml, "value", value);
        xml.WriteEndElement();
    }

    private static void Attr(XmlWriter xml, string name, string value) =>
        xml.WriteAttributeString(name, ReportText.XmlSafe(value));

    private static void Attr(XmlWriter xml, string name, int value) =>
        xml.WriteAttributeString(name, value.ToString(CultureInfo.InvariantCulture));
}
