namespace Scim.Conformance.Suites.Kit;

/// <summary>Base class of every class of checks. It hands a check its client, verdict helpers, ledger and the
/// discovered server description, whether the runner or xunit is running it.</summary>
public abstract class ScimCheck : IAsyncDisposable
{
    private CheckContext? _context;
    private bool _ownsContext;

    protected CheckContext Context
    {
        get
        {
            if (_context is not null)
                return _context;
            _context = CheckContext.Current;
            if (_context is null)
            {
                // Run by xunit (an IDE, `dotnet test suites`): this instance owns its context and cleans it up.
                _context = XunitTarget.CreateContextForCurrentTest();
                _ownsContext = true;
            }
            return _context;
        }
    }

    protected ScimClient Scim => Context.Client;
    protected Expectations Expect => Context.Expect;
    protected ResourceLedger Ledger => Context.Ledger;
    protected ResourceFactory Resources => Context.Resources;
    protected TargetSession Target => Context.Session;

    protected Task<DiscoverySnapshot> DiscoveryAsync() => Context.DiscoveryAsync();

    protected Task RequireCapabilityAsync(string field) => Context.RequireCapabilityAsync(field);

    public async ValueTask DisposeAsync()
    {
        // Under the runner, the executor cleans up so the cleanup exchanges land in the check's evidence.
        if (_ownsContext && _context is not null)
        {
            var leftovers = await _context.Ledger.CleanupAsync();
            if (leftovers.Count > 0)
                Xunit.TestContext.Current.AddWarning($"could not delete: {string.Join("; ", leftovers)}");
        }
        GC.SuppressFinalize(this);
    }
}
