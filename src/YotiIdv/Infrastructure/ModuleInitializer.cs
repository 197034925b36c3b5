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

    private static Assembly? ResolveDependency(object? sender, ResolveEventArgs args)
    {
        string name = new AssemblyName(args.Name).Name ?? string.Empty;
        string candidate = Path.Combine(DependencyFolder, name + ".dll");
        return File.Exists(candidate) ? Assembly.LoadFrom(candidate) : null;
    }
}
