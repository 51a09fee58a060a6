using System.Text;

namespace Scim.Conformance.Reports.Renderers;

/// <summary>The last step before a report is left on disk: its final text, after every renderer's encoding, passes
/// through the run's secret mask (the suites' redactor; this project cannot know the secrets itself). A file is read
/// and rewritten a line at a time, so a large report costs memory of its longest line only, and it is rewritten only
/// when the mask changed something.</summary>
public static class OutputMask
{
    /// <summary>Leaves text unchanged: for documents known to hold no secret (tests, regenerated reports).</summary>
    public static Func<string, string> None { get; } = text => text;

    /// <summary>Masks every file at these paths; a directory means every file under it.</summary>
    public static void Files(IEnumerable<string> paths, Func<string, string> mask)
    {
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                foreach (var file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories))
                    File(file, mask);
            }
            else if (System.IO.File.Exists(path))
            {
                File(path, mask);
            }
        }
    }

    /// <summary>Masks one file in place. Secrets never span a line break (none holds one, and every spelling the
    /// mask knows escapes it), so line by line sees every one of them.</summary>
    public static void File(string path, Func<string, string> mask)
    {
        var temporary = path + ".masking";
        var changed = false;
        using (var reader = new StreamReader(path, ReportText.Utf8, detectEncodingFromByteOrderMarks: false))
        using (var writer = new StreamWriter(temporary, append: false, ReportText.Utf8))
        {
            var line = new StringBuilder();
            var buffer = new char[64 * 1024];
            int read;
            while ((read = reader.Read(buffer, 0, buffer.Length)) > 0)
            {
                var start = 0;
                for (var i = 0; i < read; i++)
                {
                    if (buffer[i] != '\n')
                        continue;
                    line.Append(buffer, start, i + 1 - start);
                    changed |= Flush(line, writer, mask);
                    start = i + 1;
                }
                line.Append(buffer, start, read - start);
            }
            changed |= Flush(line, writer, mask);
        }
        if (changed)
            System.IO.File.Move(temporary, path, overwrite: true);
        else
            System.IO.File.Delete(temporary);
    }

    private static bool Flush(StringBuilder line, StreamWriter writer, Func<string, string> mask)
    {
        if (line.Length == 0)
            return false;
        var text = line.ToString();
        line.Clear();
        var masked = mask(text);
        writer.Write(masked);
        return !string.Equals(masked, text, StringComparison.Ordinal);
    }
}
