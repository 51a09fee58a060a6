using System.Text.Json;
using System.Text.Json.Nodes;
using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Runner.Configuration;

/// <summary>Reads a target's <c>resourceTemplates</c>: per resource type, members merged into every body the suite
/// creates. Read from the file's JSON itself rather than through the configuration binder, which would turn
/// <c>true</c> into "true" and arrays into numbered sections. A template that is not an object, sets id, meta or
/// schemas, or uses a placeholder other than {prefix} and {unique} is a configuration error (exit 2).</summary>
public static class ResourceTemplatesConfig
{
    public static ResourceTemplates? Read(string path, string targetKey, string where)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new ConfigurationException($"{path}: not valid JSON ({e.Message.Split('\n')[0].Trim()})");
        }
        var target = (root?["targets"] as JsonObject)?.FirstOrDefault(t => string.Equals(t.Key, targetKey, StringComparison.OrdinalIgnoreCase)).Value as JsonObject;
        var section = target?.FirstOrDefault(m => string.Equals(m.Key, "resourceTemplates", StringComparison.OrdinalIgnoreCase));
        if (section?.Value is null)
            return null;
        if (section.Value.Value is not JsonObject byType)
            throw new ConfigurationException($"{where} resourceTemplates must be an object keyed by resource type name, e.g. {{ \"User\": {{ \"emails\": [...] }} }}");
        // "$comment" and other "$" keys are notes, as everywhere in targets.json.
        var templates = byType.Where(pair => !pair.Key.StartsWith('$')).ToList();
        var problems = templates.SelectMany(pair => ResourceTemplates.Problems(pair.Key, pair.Value)).ToList();
        if (problems.Count > 0)
            throw new ConfigurationException($"{where} resourceTemplates: {string.Join("; ", problems)}");
        return new ResourceTemplates(templates.ToDictionary(pair => pair.Key, pair => (JsonObject)pair.Value!.DeepClone()));
    }
}
