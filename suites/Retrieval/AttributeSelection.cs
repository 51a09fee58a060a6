using System.Text.Json.Nodes;
using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Suites.Retrieval;

/// <summary>The value of an <c>attributes</c> parameter, read the way RFC 7644 §3.10 reads it: comma-separated
/// names, each optionally prefixed with its schema URN and followed by <c>.subAttribute</c>; names ignore case.
/// It says what a representation may hold when the parameter is given: the names selected, plus what is returned
/// "always" (RFC 7644 §3.9).</summary>
internal sealed class AttributeSelection
{
    private readonly ResourceShape _shape;
    private readonly List<(string? Urn, string Name, string? Sub)> _paths = [];

    public AttributeSelection(ResourceShape shape, string parameter)
    {
        _shape = shape;
        Parameter = parameter;
        foreach (var token in parameter.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string? urn = null;
            var rest = token;
            var schemaUrn = new[] { shape.CoreUrn }.Concat(shape.Extensions.Select(e => e.Urn))
                .Where(u => token.StartsWith(u + ":", StringComparison.OrdinalIgnoreCase))
                .OrderByDescending(u => u.Length).FirstOrDefault();
            if (schemaUrn is not null)
            {
                rest = token[(schemaUrn.Length + 1)..];
                urn = ResourceShape.Is(schemaUrn, shape.CoreUrn) ? null : schemaUrn;
            }
            var dot = rest.IndexOf('.');
            _paths.Add(dot < 0 ? (urn, rest, null) : (urn, rest[..dot], rest[(dot + 1)..]));
        }
    }

    /// <summary>The parameter as sent, e.g. <c>userName,emails</c>.</summary>
    public string Parameter { get; }

    /// <summary>The members of <paramref name="resource"/> that neither the selection nor "always" accounts for,
    /// each named as a reader would (<c>name.givenName</c>, <c>urn:…:User:department</c>); <c>meta</c> aside.</summary>
    public IReadOnlyList<string> Unrequested(JsonObject resource)
    {
        var extra = new List<string>();
        foreach (var (key, value) in resource)
        {
            // meta beside a selection is one requirement (RFC 7643 §3.1: meta is returned by default), judged once by
            // retrieval.attributes; counting it in every selection check would report one deviation many times.
            if (ResourceShape.Is(key, "meta"))
                continue;
            if (_shape.ExtensionFor(key) is { } urn)
            {
                if (value is not JsonObject container)
                    continue;
                foreach (var (member, memberValue) in container)
                    Judge(urn, member, memberValue, $"{key}:{member}", extra);
                continue;
            }
            Judge(null, key, value, key, extra);
        }
        return extra;
    }

    private void Judge(string? urn, string name, JsonNode? value, string label, List<string> extra)
    {
        if (_paths.Any(p => Same(p.Urn, urn) && ResourceShape.Is(p.Name, name) && p.Sub is null) || _shape.IsAlways(name, urn))
            return;
        var subs = _paths.Where(p => Same(p.Urn, urn) && ResourceShape.Is(p.Name, name) && p.Sub is not null).Select(p => p.Sub!).ToList();
        if (subs.Count == 0)
        {
            if (ResourceShape.Present(value))
                extra.Add(label);
            return;
        }
        // Only some sub-attributes were selected: every other sub-attribute is out, unless it is returned always.
        var definition = _shape.Attribute(name, urn);
        var values = value switch
        {
            JsonObject single => [single],
            JsonArray many => many.OfType<JsonObject>(),
            _ => [],
        };
        foreach (var sub in values.SelectMany(v => v.Select(p => p.Key)).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (!subs.Any(s => ResourceShape.Is(s, sub))
                && ResourceShape.Returned(ResourceShape.SubAttribute(definition, sub)) != "always")
                extra.Add($"{label}.{sub}");
        }
    }

    private static bool Same(string? a, string? b) => a is null ? b is null : b is not null && ResourceShape.Is(a, b);
}
