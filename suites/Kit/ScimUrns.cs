namespace Scim.Conformance.Suites.Kit;

/// <summary>The fixed URNs of RFC 7643/7644 and the agent draft (RFC 7643 §8.7, RFC 7644 §3.1, §8.2).</summary>
public static class ScimUrns
{
    public const string ServiceProviderConfig = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";
    public const string ResourceType = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";
    public const string Schema = "urn:ietf:params:scim:schemas:core:2.0:Schema";
    public const string User = "urn:ietf:params:scim:schemas:core:2.0:User";
    public const string Group = "urn:ietf:params:scim:schemas:core:2.0:Group";
    public const string EnterpriseUser = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    public const string Agent = "urn:ietf:params:scim:schemas:core:2.0:Agent";
    public const string AgenticApplication = "urn:ietf:params:scim:schemas:core:2.0:AgenticApplication";
    public const string ListResponse = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
    public const string Error = "urn:ietf:params:scim:api:messages:2.0:Error";
    public const string PatchOp = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    public const string SearchRequest = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";
    /// <summary>Protocol messages live under this prefix and are never resources (RFC 7644 §3.1).</summary>
    public const string ApiMessagePrefix = "urn:ietf:params:scim:api:";
}
