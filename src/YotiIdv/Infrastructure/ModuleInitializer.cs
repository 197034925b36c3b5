using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;

namespace YotiIdv.Infrastructure;

/// <summary>
/// Windows PowerShell 5.1 has no binding redirects, so System.Text.Json and its helpers are answered from
/// the module's dependencies/ folder, whatever version is asked for. Only our shipped names are answered.
/// On PowerShell 7 the runtime's own copies satisfy the references and the handler never fires for them.
/// BouncyCastle.Cryptography (Ed25519 for Test-YotiIdentityProfileReport) is in no runtime: on both editions it
/// is answered from dependencies/ too, and only when a proof is first checked (Proof/Ed25519.cs is its one user).
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    private static readonly string DependencyFolder =
        Path.Combine(Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? ".", "dependencies");

    public void OnImport() => AppDomain.CurrentDomain.AssemblyResolve += ResolveDependency;

    public void OnRemove(PSModuleInfo psModuleInfo)
    {
        EmulatorRegistry.StopAll();
        AppDomain.CurrentDomain.AssemblyResolve -= ResolveDependency;
    }

    private static Assembly? ResolveDependency(object? sender, ResolveEventArgs args) =>
        CandidateFor(DependencyFolder, args.Name) is string candidate ? Assembly.LoadFrom(candidate) : null;

    /// <summary>
    /// The file answering a request for <paramref name="requestedName"/> (any version: this is the unification that
    /// binding redirects would do), or null. tests/YotiIdv.Tests/Binding checks every shipped reference against it.
    /// </summary>
    internal static string? CandidateFor(string dependencyFolder, string requestedName)
    {
        string name;
        try
        {
            name = new AssemblyName(requestedName).Name ?? string.Empty;
        }
        catch (Exception ex) when (ex is ArgumentException || ex is FileLoadException)
        {
            return null;
        }

        if (name.Length == 0 || name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
        {
            return null;
        }

        string candidate = Path.Combine(dependencyFolder, name + ".dll");
        return File.Exists(candidate) ? candidate : null;
    }
}
