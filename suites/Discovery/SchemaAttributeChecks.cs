using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Scim.Conformance.Reports.Model;
using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Suites.Discovery;

/// <summary>RFC 7643 §2 and §7: every attribute definition in /Schemas is a well-formed SCIM attribute. These
/// are what a client builds its whole model of the server from, so a malformed one breaks clients silently.</summary>
[TargetEffect(TargetEffect.ReadsOnly)]
public sealed partial class SchemaAttributeChecks : ScimCheck
{
    private static readonly string[] Types = ["string", "boolean", "decimal", "integer", "dateTime", "binary", "reference", "complex"];
    private static readonly string[] Mutabilities = ["readOnly", "readWrite", "immutable", "writeOnly"];
    private static readonly string[] Returned = ["always", "never", "default", "request"];
    private static readonly string[] Uniqueness = ["none", "server", "global"];

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]*$")]
    private static partial Regex AttributeName();

    [Check("discovery.schemas.attribute-required-fields", "Every attribute definition has a name, a type and multiValued",
        References = ["RFC7643 §7"], Rows = ["RFC7643-7-SCHEMA-ATTR-FIELDS"], Tags = ["schemas"],
        Requirement = "Each attribute and sub-attribute definition has `name` (string), `type` (string) and `multiValued` (boolean).")]
    public async Task RequiredFields()
    {
        var problems = new List<string>();
        foreach (var attribute in await AttributesAsync())
        {
            if (!attribute.Definition.Member("name").IsString())
                problems.Add($"{attribute} has no string `name`");
            if (!attribute.Definition.Member("type").IsString())
                problems.Add($"{attribute} has `type` {ScimJson.Describe(attribute.Definition.Member("type"))}");
            if (!attribute.Definition.Member("multiValued").IsBoolean())
                problems.Add($"{attribute} has `multiValued` {ScimJson.Describe(attribute.Definition.Member("multiValued"))}");
        }
        Expect.NoProblems(problems, "an attribute definition lacks a REQUIRED characteristic", "`name`, `type` and a boolean `multiValued` on every attribute");
    }

    [Check("discovery.schemas.attribute-vocabulary", "Attribute characteristics use the values RFC 7643 defines",
        References = ["RFC7643 §7", "RFC7643 §2.2", "RFC7643 §2.3"], Rows = ["RFC7643-7-SCHEMA-ATTR-FIELDS"], Tags = ["schemas"],
        Requirement = "`type` is one of string, boolean, decimal, integer, dateTime, binary, reference, complex; `mutability` one of readOnly, readWrite, immutable, writeOnly; `returned` one of always, never, default, request; `uniqueness` one of none, server, global (exact case).")]
    public async Task Vocabulary()
    {
        var problems = new List<string>();
        foreach (var attribute in await AttributesAsync())
        {
            CheckVocabulary(attribute, "type", Types, problems, required: false);
            CheckVocabulary(attribute, "mutability", Mutabilities, problems, required: false);
            CheckVocabulary(attribute, "returned", Returned, problems, required: false);
            CheckVocabulary(attribute, "uniqueness", Uniqueness, problems, required: false);
        }
        Expect.NoProblems(problems, "an attribute characteristic has a value RFC 7643 does not define", "only the RFC 7643 keywords, spelled exactly");
    }

    [Check("discovery.schemas.attribute-flag-types", "Attribute characteristics have the JSON types RFC 7643 gives them",
        References = ["RFC7643 §7"], Rows = ["RFC7643-7-SCHEMA-ATTR-FIELDS"], Tags = ["schemas"],
        Requirement = "When present, `required` and `caseExact` are booleans, `description` is a string, and `canonicalValues` and `referenceTypes` are arrays of strings.")]
    public async Task FlagTypes()
    {
        var problems = new List<string>();
        foreach (var attribute in await AttributesAsync())
        {
            var d = attribute.Definition;
            foreach (var flag in new[] { "required", "caseExact" })
            {
                if (d.HasMember(flag) && !d.Member(flag).IsBoolean())
                    problems.Add($"{attribute} has `{flag}` {ScimJson.Describe(d.Member(flag))}");
            }
            if (d.HasMember("description") && !d.Member("description").IsString())
                problems.Add($"{attribute} has `description` {ScimJson.Describe(d.Member("description"))}");
            foreach (var list in new[] { "canonicalValues", "referenceTypes" })
            {
                if (d.HasMember(list) && d.StringArray(list) is null)
                    problems.Add($"{attribute} has `{list}` {ScimJson.Describe(d.Member(list))}");
            }
        }
        Expect.NoProblems(problems, "an attribute characteristic has the wrong JSON type", "booleans for required/caseExact, arrays of strings for canonicalValues/referenceTypes");
    }

    [Check("discovery.schemas.reference-types", "Reference attributes say what they may refer to",
        References = ["RFC7643 §7", "RFC7643 §2.3.7"], Rows = ["RFC7643-7-SCHEMA-REFERENCETYPES", "RFC7643-2.3.7-REF-RESOLVES"], Tags = ["schemas"],
        Requirement = "An attribute of type `reference` declares a non-empty `referenceTypes` (resource type names, \"external\" or \"uri\"), which is what tells a client how to resolve it.")]
    public async Task ReferenceTypes()
    {
        var problems = (await AttributesAsync())
            .Where(a => a.Type == "reference" && a.Definition.StringArray("referenceTypes") is not { Count: > 0 })
            .Select(a => $"{a} has `referenceTypes` {ScimJson.Describe(a.Definition.Member("referenceTypes"))}").ToList();
        Expect.NoProblems(problems, "a reference attribute does not declare its referenceTypes", "a non-empty `referenceTypes` on every reference attribute");
    }

    [Check("discovery.schemas.attribute-names", "Attribute names follow the ATTRNAME grammar",
        References = ["RFC7643 §2.1"], Rows = ["RFC7643-2.1-ATTRNAME-ABNF"], Tags = ["schemas"],
        Requirement = "Attribute names are ALPHA followed by letters, digits, '-' or '_' (ATTRNAME); the only exception is the `$ref` sub-attribute.")]
    public async Task AttributeNames()
    {
        var problems = (await AttributesAsync())
            .Where(a => a.Name is { } name && name != "$ref" && !AttributeName().IsMatch(name))
            .Select(a => $"{a.SchemaId} has an attribute named \"{a.Name}\"").ToList();
        Expect.NoProblems(problems, "an attribute name is not a valid ATTRNAME", "names matching ALPHA *(ALPHA / DIGIT / \"-\" / \"_\"), or $ref");
    }

    [Check("discovery.schemas.unique-attribute-names", "Attribute names are unique, ignoring case, at each level of a schema",
        References = ["RFC7643 §2.1", "RFC7643 §7"], Rows = ["RFC7643-2.1-ATTRNAME-CASE-UNIQUE", "RFC7643-7-SCHEMA-ATTR-FIELDS"], Tags = ["schemas"],
        Requirement = "Attribute names are case-insensitive, so two attributes of one schema (or sub-attributes of one attribute) whose names differ only in case are the same attribute declared twice.")]
    public async Task UniqueAttributeNames()
    {
        var problems = (await AttributesAsync())
            .GroupBy(a => (a.SchemaId, Path: a.Path.ToLowerInvariant()))
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key.SchemaId} declares {ScimJson.List(g.Select(a => a.Path))}").ToList();
        Expect.NoProblems(problems, "an attribute is declared twice", "each attribute name once per level, ignoring case");
    }

    [Check("discovery.schemas.complex-has-subattributes", "Complex attributes list their sub-attributes",
        References = ["RFC7643 §7"], Rows = ["RFC7643-7-SCHEMA-SUBATTRS"], Tags = ["schemas"],
        Requirement = "An attribute of type `complex` defines its sub-attributes in a non-empty `subAttributes`.")]
    public async Task ComplexHasSubAttributes()
    {
        var problems = (await AttributesAsync())
            .Where(a => a.Type == "complex" && a.Definition.Member("subAttributes") is not JsonArray { Count: > 0 })
            .Select(a => $"{a} has `subAttributes` {ScimJson.Describe(a.Definition.Member("subAttributes"))}").ToList();
        Expect.NoProblems(problems, "a complex attribute does not define its sub-attributes", "a non-empty `subAttributes` on every complex attribute");
    }

    [Check("discovery.schemas.no-nested-complex", "Complex attributes have no complex sub-attributes",
        References = ["RFC7643 §2.3.8"], Rows = ["RFC7643-2.3.8-NO-NESTED-COMPLEX"], Tags = ["schemas"],
        Requirement = "A complex attribute MUST NOT contain sub-attributes that have sub-attributes (the Schema schema itself is the one exception).")]
    public async Task NoNestedComplex()
    {
        var problems = (await AttributesAsync())
            .Where(a => a.IsSubAttribute && a.SchemaId != ScimUrns.Schema
                && (a.Type == "complex" || a.Definition.Member("subAttributes") is JsonArray { Count: > 0 }))
            .Select(a => a.ToString()).ToList();
        Expect.NoProblems(problems, "a complex attribute nests another complex attribute", "only simple sub-attributes under complex attributes");
    }

    private async Task<IReadOnlyList<SchemaAttribute>> AttributesAsync()
    {
        var schemas = (await DiscoveryAsync()).Schemas;
        var attributes = SchemaAttribute.All(schemas).ToList();
        if (attributes.Count == 0)
            throw new PrerequisiteException("/Schemas defines no attributes to judge");
        return attributes;
    }

    private static void CheckVocabulary(SchemaAttribute attribute, string characteristic, string[] allowed, List<string> problems, bool required)
    {
        var value = attribute.Definition.Member(characteristic);
        if (value is null && !required)
            return; // absent characteristics take the RFC 7643 §2.2 defaults
        if (!value.IsString() || !allowed.Contains(value!.GetValue<string>(), StringComparer.Ordinal))
            problems.Add($"{attribute} has `{characteristic}` {ScimJson.Describe(value)}");
    }
}
