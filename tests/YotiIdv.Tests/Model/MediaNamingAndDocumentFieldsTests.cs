using System;
using System.IO;
using System.Linq;
using YotiIdv.Media;
using YotiIdv.Model;
using YotiIdv.Tests.Support;

namespace YotiIdv.Tests.Model;

public sealed class MediaNamingAndDocumentFieldsTests
{
    [Theory]
    [InlineData("image/jpeg", ".jpg")]
    [InlineData("image/jpeg; charset=UTF-8", ".jpg")]
    [InlineData("IMAGE/PNG", ".png")]
    [InlineData("application/json", ".json")]
    [InlineData("application/vnd.yoti+json", ".json")]
    [InlineData("application/pdf", ".pdf")]
    [InlineData("application/octet-stream", ".bin")]
    [InlineData(null, ".bin")]
    [InlineData("../../evil", ".bin")]
    public void ExtensionComesFromTheContentType(string? contentType, string extension) =>
        Assert.Equal(extension, YotiMediaFileName.ExtensionFor(contentType));

    [Theory]
    [InlineData("../../x", "______x")]
    [InlineData("..\\x", "___x")]
    [InlineData("con", "_con")]
    [InlineData("COM1", "_COM1")]
    [InlineData("a\u0000b\nc", "a_b_c")]
    [InlineData("", "_")]
    [InlineData("..", "___")]
    [InlineData("52098976-42d0-4051-a80f-7fc3438e4d9e", "52098976-42d0-4051-a80f-7fc3438e4d9e")]
    public void SegmentsAreSafe(string input, string expected) => Assert.Equal(expected, YotiMediaFileName.SafeSegment(input));

    [Fact]
    public void RelativePathFollowsTheScheme() =>
        Assert.Equal(Path.Combine("s1", "id-documents-pages_m1.jpg"), YotiMediaFileName.RelativePath("s1", "id-documents-pages", "m1", "image/jpeg"));

    [Fact]
    public void KindsNameWhereEachMediaIsReferenced()
    {
        YotiSession session = SessionParser.Parse(File.ReadAllBytes(TestPaths.Fixture("session-identity-profile-done.json")));
        var kinds = session.GetAllMediaByKind();
        Assert.Equal(session.GetAllMedia().Select(m => m.MediaId), kinds.Select(k => k.Value.MediaId));
        Assert.Equal(kinds.Count, kinds.Select(k => k.Value.MediaId).Distinct().Count());
        Assert.Contains(kinds, k => k.Key == "identity-profile-report" && k.Value.MediaId == "1ad3a591-2a8c-4767-8c60-c2501402e485");
        Assert.Contains(kinds, k => k.Key == "id-documents-1-document-fields" && k.Value.MediaId == "6e91467a-0998-4868-b9ac-703006f3500d");
        Assert.Contains(kinds, k => k.Key == "liveness-capture-1-frames");
        Assert.All(kinds, k => Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", k.Key));
    }

    [Fact]
    public void KindsAreWholeAndTwoDocumentsOfASessionAreToldApart()
    {
        YotiSession advanced = SessionParser.Parse(File.ReadAllBytes(TestPaths.Fixture("session-advanced-identity-profile-multi-framework.json")));
        YotiMediaEntry report = Assert.Single(YotiMediaIndex.Of(advanced), e => e.IsIdentityProfileReport);
        Assert.Equal("advanced-identity-profile-identity-profile-report", report.Kind);
        Assert.StartsWith("advanced-identity-profile-identity-profile-report_", YotiMediaFileName.FileName(report.Kind, report.MediaId, "application/json"), StringComparison.Ordinal);

        // Passport and driving licence: each document's pages under its own number.
        YotiSession done = SessionParser.Parse(File.ReadAllBytes(TestPaths.Fixture("session-identity-profile-done.json")));
        YotiMediaIndex index = YotiMediaIndex.Of(done);
        Assert.Same(index, YotiMediaIndex.Of(done));
        Assert.Contains(index, e => e.Kind == "id-documents-1-pages");
        Assert.Contains(index, e => e.Kind == "id-documents-2-pages");
        Assert.Equal(done.Resources.IdDocuments[1].Pages.Select(p => p.Media?.MediaId).Where(id => id != null),
            index.Where(e => e.Kind == "id-documents-2-pages").Select(e => e.MediaId));
        Assert.Equal("1ad3a591-2a8c-4767-8c60-c2501402e485", Assert.Single(index, e => e.IsIdentityProfileReport).MediaId);
    }

    [Fact]
    public void DocumentFieldsAreMapped()
    {
        var fields = YotiDocumentFields.Parse(File.ReadAllText(TestPaths.Fixture("media-document-fields.json")));
        Assert.Equal("AMELIA ROSE HARTLEY", fields.FullName);
        Assert.Equal("AMELIA ROSE", fields.GivenNames);
        Assert.Equal("HARTLEY", fields.FamilyName);
        Assert.Equal("1991-04-17", fields.DateOfBirth);
        Assert.Equal("541872396", fields.DocumentNumber);
        Assert.Equal("2032-09-03", fields.ExpirationDate);
        Assert.Equal("GBR", fields.Nationality);
        Assert.Equal("GBR", fields.IssuingCountry);
        Assert.Equal("2", fields.Mrz!.Type);
        Assert.StartsWith("P<GBRHARTLEY", fields.Mrz.Line1, System.StringComparison.Ordinal);
        Assert.Null(fields.StructuredPostalAddress);
        Assert.Contains("GBR_PASSPORT_2020_BIO", fields.GetRawJson(), System.StringComparison.Ordinal);

        var bill = YotiDocumentFields.Parse(File.ReadAllText(TestPaths.Fixture("extra", "media-supplementary-document-fields.json")));
        Assert.Equal("Thames Water", bill.Organisation);
        Assert.Equal(1, bill.StructuredPostalAddress!.AddressFormat);
        Assert.Equal("N4 4QA", bill.StructuredPostalAddress.PostalCode);
        Assert.Equal("London", bill.StructuredPostalAddress.TownCity);
        Assert.Equal("GBR", bill.StructuredPostalAddress.CountryIso);
        Assert.StartsWith("Flat 4, 112 Stapleton Hall Road\n", bill.StructuredPostalAddress.FormattedAddress, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("{not json")]
    public void InvalidDocumentFieldsThrowInvalidData(string json) =>
        Assert.Throws<YotiInvalidDataException>(() => YotiDocumentFields.Parse(json));
}
