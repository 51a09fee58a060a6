namespace Scim.Conformance.Suites.Kit.Authentication;

/// <summary>Credentials could not be obtained (the OAuth token endpoint refused the client, or answered nonsense). The
/// message is one line, names what failed, and holds no secret.</summary>
public sealed class AuthenticationFailedException(string message, Exception? inner = null) : Exception(message, inner);
