using System.Text;

namespace Scim.Conformance.Runner.Terminal;

/// <summary>A console writer whose every string passes through a secret mask first: for commands that print lines
/// holding a server's text (sweep lists the names a target returned). Text is masked per write, so a caller writes
/// whole lines or whole values, never a secret one character at a time.</summary>
public sealed class MaskingWriter(TextWriter inner, Func<string, string> mask) : TextWriter
{
    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value) => inner.Write(value);

    public override void Write(string? value) => inner.Write(value is null ? null : mask(value));

    public override void WriteLine(string? value) => inner.WriteLine(value is null ? null : mask(value));

    public override Task WriteAsync(string? value) => inner.WriteAsync(value is null ? null : mask(value));

    public override Task WriteLineAsync(string? value) => inner.WriteLineAsync(value is null ? null : mask(value));

    public override void Flush() => inner.Flush();

    public override Task FlushAsync() => inner.FlushAsync();
}
