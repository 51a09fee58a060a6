using System.Globalization;
using System.Text.Json.Nodes;

namespace Scim.Conformance.Suites.Kit.PerType;

/// <summary>Whether a value a resource returns still holds a value the client sent: what the checks of readOnly and
/// immutable attributes look for, since a server may add its own values beside the ones it ignored.</summary>
public static class HeldValues
{
    /// <summary>True when <paramref name="returned"/> holds everything in <paramref name="sent"/>: the same scalar
    /// (strings ignoring case, date-times as instants), every sub-attribute of a complex value as sent, and every
    /// value of a multi-valued one among those returned. An empty value holds nothing.</summary>
    public static bool Holds(JsonNode? returned, JsonNode? sent) => (returned, sent) switch
    {
        (null, _) or (_, null) => false,
        (_, JsonArray { Count: 0 }) or (_, JsonObject { Count: 0 }) => false,
        (JsonArray values, JsonArray items) => items.All(item => values.Any(value => Holds(value, item))),
        (JsonArray values, _) => values.Any(value => Holds(value, sent)),
        (JsonObject value, JsonObject item) => item.All(member => Holds(value.Member(member.Key), member.Value)),
        (JsonValue value, JsonValue item) => ScalarEquals(value, item),
        _ => false,
    };

    private static bool ScalarEquals(JsonValue returned, JsonValue sent)
    {
        if (JsonNode.DeepEquals(returned, sent))
            return true;
        if (!returned.IsString() || !sent.IsString())
            return false;
        var (a, b) = (returned.GetValue<string>(), sent.GetValue<string>());
        if (string.Equals(a, b, StringComparison.OrdinalIgnoreCase))
            return true;
        return DateTimeOffset.TryParse(a, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var x)
            && DateTimeOffset.TryParse(b, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var y) && x == y;
    }
}
