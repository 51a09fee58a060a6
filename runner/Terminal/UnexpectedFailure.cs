namespace Scim.Conformance.Runner.Terminal;

/// <summary>Words for an exception nobody foresaw, for the one line a command prints before it exits 3: what kind of
/// failure and its first line, never a stack trace (the console is read by people and parsed by CI).</summary>
public static class UnexpectedFailure
{
    public static string Describe(Exception e)
    {
        var inner = e is AggregateException { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerExceptions[0] : e;
        var message = inner.Message.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Trim() ?? "";
        if (message.Length > 300)
            message = string.Concat(message.AsSpan(0, 300), "…");
        return $"{inner.GetType().Name}: {message}";
    }
}
