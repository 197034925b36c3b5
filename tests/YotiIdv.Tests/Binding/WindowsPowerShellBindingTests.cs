using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using YotiIdv.Http;
using YotiIdv.Infrastructure;
using YotiIdv.Tests.Support;

namespace YotiIdv.Tests.Binding;

/// <summary>
/// Windows PowerShell 5.1 has no binding redirects: an assembly reference that nothing satisfies breaks the module
/// there, and this machine has no Windows. So the built module is read as metadata (nothing is loaded) and every
/// assembly reference of every shipped assembly must be satisfied by: a shipped assembly of the module folder of
/// exactly that version (ordinary probing), a dependencies/ assembly of at least that version that the module's
/// resolver answers for (ModuleInitializer.CandidateFor), or a .NET Framework 4.7.2 / PowerShell 5.1 assembly of at
/// least that version (net472-framework-assemblies.txt).
/// </summary>
public sealed class WindowsPowerShellBindingTests
{
    private static string ModuleFolder
    {
        get
        {
            string version = typeof(YotiApiClient).Assembly.GetName().Version!.ToString(3);
            string folder = Path.Combine(TestPaths.RepoRoot, "out", "YotiIdv", version);
            Assert.True(File.Exists(Path.Combine(folder, "YotiIdv.dll")), $"The module is not laid out in {folder}: run ./build.ps1 -Task Build first.");
            return folder;
        }
    }

    private sealed record Shipped(string Path, string Name, Version Version, IReadOnlyList<(string Name, Version Version)> References);

    private static Shipped Read(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        MetadataReader metadata = pe.GetMetadataReader();
        AssemblyDefinition definition = metadata.GetAssemblyDefinition();
        var references = metadata.AssemblyReferences
            .Select(handle => metadata.GetAssemblyReference(handle))
            .Select(reference => (metadata.GetString(reference.Name), reference.Version))
            .ToList();
        return new Shipped(path, metadata.GetString(definition.Name), definition.Version, references);
    }

    private static Dictionary<string, Version> Framework() =>
        File.ReadAllLines(Path.Combine(TestPaths.RepoRoot, "tests", "YotiIdv.Tests", "Binding", "net472-framework-assemblies.txt"))
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToDictionary(parts => parts[0], parts => Version.Parse(parts[1]), StringComparer.OrdinalIgnoreCase);

    private static List<Shipped> ShippedAssemblies(string root) =>
        Directory.GetFiles(root, "*.dll", SearchOption.AllDirectories).Select(Read).ToList();

    /// <summary>Every reference nothing satisfies, as a sentence. <paramref name="shipped"/> is what the folder holds.</summary>
    private static List<string> Unsatisfied(List<Shipped> shipped, string root)
    {
        string dependencies = Path.Combine(root, "dependencies");
        Dictionary<string, Version> framework = Framework();
        var inRoot = shipped.Where(s => Path.GetDirectoryName(s.Path) == root).ToDictionary(s => s.Name, StringComparer.OrdinalIgnoreCase);
        var problems = new List<string>();
        foreach (Shipped assembly in shipped)
        {
            foreach (var (name, version) in assembly.References)
            {
                if (inRoot.TryGetValue(name, out Shipped? beside) && beside.Version == version)
                {
                    continue;
                }

                if (ModuleInitializer.CandidateFor(dependencies, name) is string candidate)
                {
                    Version answered = shipped.Single(s => string.Equals(s.Path, candidate, StringComparison.Ordinal)).Version;
                    if (answered < version)
                    {
                        problems.Add($"{assembly.Name} needs {name} {version}; the resolver answers with {answered}, which is older.");
                    }

                    continue;
                }

                if (framework.TryGetValue(name, out Version? inBox) && inBox >= version)
                {
                    continue;
                }

                problems.Add($"{assembly.Name} needs {name} {version}: not shipped, not answered by the resolver, not in .NET Framework 4.7.2 ({(inBox is null ? "absent" : "has " + inBox)}).");
            }
        }

        return problems;
    }

    [Fact]
    public void EveryAssemblyReferenceOfTheBuiltModuleIsSatisfiedOnWindowsPowerShell51()
    {
        List<Shipped> shipped = ShippedAssemblies(ModuleFolder);
        Assert.Contains(shipped, s => s.Name == "YotiIdv");
        Assert.Contains(shipped, s => s.Name == "System.Text.Json");
        List<string> problems = Unsatisfied(shipped, ModuleFolder);
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void AnOlderDependencyOrAMissingOneWouldBeReported()
    {
        List<Shipped> shipped = ShippedAssemblies(ModuleFolder)
            .Select(s => s.Name == "System.Runtime.CompilerServices.Unsafe" ? s with { Version = new Version(4, 0, 4, 1) } : s)
            .Select(s => s.Name == "YotiIdv.Core" ? s with { References = s.References.Append(("System.Net.Http", new Version(4, 2, 0, 0))).ToList() } : s)
            .ToList();
        List<string> problems = Unsatisfied(shipped, ModuleFolder);
        Assert.Contains(problems, p => p.StartsWith("System.Text.Json needs System.Runtime.CompilerServices.Unsafe 6.0.0.0", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("YotiIdv.Core needs System.Net.Http 4.2.0.0", StringComparison.Ordinal));
    }

    [Fact]
    public void TheResolverAnswersOnlyShippedNames()
    {
        string dependencies = Path.Combine(ModuleFolder, "dependencies");
        Assert.NotNull(ModuleInitializer.CandidateFor(dependencies, "System.Text.Json, Version=99.0.0.0, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51"));
        Assert.Null(ModuleInitializer.CandidateFor(dependencies, "System.Net.Http, Version=4.2.0.0"));
        Assert.Null(ModuleInitializer.CandidateFor(dependencies, "..\\..\\evil"));
    }
}
