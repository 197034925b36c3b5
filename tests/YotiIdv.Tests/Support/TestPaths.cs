using System;
using System.IO;

namespace YotiIdv.Tests.Support;

/// <summary>Finds the repository (the folder holding YotiIdv.sln) and its test fixtures.</summary>
internal static class TestPaths
{
    private static readonly Lazy<string> Root = new Lazy<string>(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "YotiIdv.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("YotiIdv.sln not found above " + AppContext.BaseDirectory);
    });

    public static string RepoRoot => Root.Value;

    public static string Fixtures => Path.Combine(RepoRoot, "tests", "fixtures");

    public static string Fixture(params string[] parts) => Path.Combine(Fixtures, Path.Combine(parts));

    public static string Signing(string file) => Fixture("extra", "signing", file);

    public const string TestSdkId = "4b1d9a7e-2f6c-4c1e-9a55-0d3e8c7f1a21";
    public const string SeedSessionId = "52098976-42d0-4051-a80f-7fc3438e4d9e";
    public const string DoneSessionId = "dc376625-6bec-4fc8-9740-bd06f2220c65";

    public static string SampleData => Path.Combine(RepoRoot, "src", "YotiIdv", "Emulator", "SampleData");

    public static string PrivateKeyPath => Signing("test-key-pkcs1.pem");

    public static string PublicKeyPath => Signing("test-key-public.pem");
}
