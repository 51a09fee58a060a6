using System.Runtime.InteropServices;
using Scim.Conformance.Runner.Terminal;

namespace Scim.Conformance.Runner.Execution;

/// <summary>Ctrl-C (SIGINT) and SIGTERM during a run: the first one stops the run cleanly — running checks end and
/// clean up, the run's prefix is swept, the reports are written — and the second one quits at once.</summary>
public sealed class Interrupts : IDisposable
{
    private readonly List<PosixSignalRegistration> _registrations = [];

    private Interrupts(RunStop stop, RunConsole console)
    {
        foreach (var (signal, name) in new[] { (PosixSignal.SIGINT, "interrupted (Ctrl-C)"), (PosixSignal.SIGTERM, "terminated (SIGTERM)") })
        {
            _registrations.Add(PosixSignalRegistration.Create(signal, context =>
            {
                // Already stopping: let the signal end the process the usual way.
                if (!stop.Stop(name))
                    return;
                context.Cancel = true;
                console.Note($"{name}: stopping; cleaning up what this run created (signal again to quit at once, leaving it to `sweep`)");
            }));
        }
    }

    public static Interrupts Register(RunStop stop, RunConsole console) => new(stop, console);

    public void Dispose()
    {
        foreach (var registration in _registrations)
            registration.Dispose();
    }
}
