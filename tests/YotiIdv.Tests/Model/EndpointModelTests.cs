using System.IO;
using System.Linq;
using System.Text;
using YotiIdv.Model;
using YotiIdv.Tests.Support;

namespace YotiIdv.Tests.Model;

/// <summary>The shared extra/endpoint-*.json fixtures and variants with unknown values, parsed without a server.</summary>
public sealed class EndpointModelTests
{
    private static byte[] Fixture(string name) => File.ReadAllBytes(Path.Combine(TestPaths.RepoRoot, "tests", "fixtures", "extra", name));

    [Fact]
    public void Configuration_Fixture_IsTyped()
    {
        byte[] json = Fixture("endpoint-session-configuration.json");
        YotiSessionConfiguration configuration = YotiSessionConfiguration.Parse(json);

        Assert.Equal(TestPaths.DoneSessionId, configuration.SessionId);
        Assert.Equal(2488, configuration.ClientSessionTokenTtl);
        Assert.Equal(5, configuration.RequestedChecks.Count);
        Assert.Equal("NOT_REQUIRED", configuration.BiometricConsent);
        Assert.Equal("ID_DOCUMENT; SUPPLEMENTARY_DOCUMENT; LIVENESS; FACE_CAPTURE", configuration.RequiredResourceTypes.ToString());
        Assert.All(configuration.RequiredResources, r => Assert.True(r.IsKnownType));

        YotiRequiredResource document = Assert.Single(configuration.Capture.IdDocuments);
        Assert.Equal("5bdbec55-5082-4ec8-9531-e84ca068fa7b", document.Id);
        Assert.Equal("REQUIRED", document.State);
        Assert.Equal(new[] { "END_USER" }, document.AllowedSources);
        Assert.False(document.IsRelyingBusinessAllowed);
        Assert.Equal("ID_DOCUMENT_TEXT_DATA_EXTRACTION", Assert.Single(document.RequestedTasks).Type);
        Assert.Equal("GBR: PASSPORT, DRIVING_LICENCE", Assert.Single(document.SupportedCountries).ToString());
        Assert.Equal("CAMERA_AND_UPLOAD", document.AllowedCaptureMethods);
        Assert.Equal(3, document.AttemptsRemaining["GENERIC"]);
        Assert.Equal("GENERIC=3; RECLASSIFICATION=2", document.AttemptsRemaining.ToString());

        YotiRequiredResource supplementary = Assert.Single(configuration.Capture.SupplementaryDocuments);
        Assert.Equal("PROOF_OF_ADDRESS", supplementary.Objective);
        Assert.Equal(new[] { "UTILITY_BILL", "BANK_STATEMENT", "COUNCIL_TAX" }, supplementary.DocumentTypes);
        Assert.Equal(new[] { "GBR" }, supplementary.CountryCodes);
        Assert.True(supplementary.IsRelyingBusinessAllowed);
        Assert.Equal("ZOOM", Assert.Single(configuration.Capture.Liveness).LivenessType);
        Assert.True(Assert.Single(configuration.Capture.FaceCapture).IsRelyingBusinessAllowed);
        Assert.Equal(Encoding.UTF8.GetString(json), configuration.GetRawJson());
    }

    [Fact]
    public void Configuration_UnknownRequirementTypesAndFields_AreKept()
    {
        const string Json = @"{""session_id"":""s-1"",""client_session_token_ttl"":""600"",""requested_checks"":""LIVENESS"",""future_top"":1,
            ""capture"":{""biometric_consent"":""REQUIRED"",""required_resources"":[
              {""type"":""VOICE_SAMPLE"",""id"":""v-1"",""state"":""OPTIONAL"",""allowed_sources"":[{""type"":""KIOSK""}],""pitch"":{""min"":1}},
              {""type"":""ID_DOCUMENT"",""attempts_remaining"":{""GENERIC"":""2"",""BAD"":""x""},""supported_countries"":[{""code"":""FRA""}]},
              null, 7]}}";
        YotiSessionConfiguration configuration = YotiSessionConfiguration.Parse(Encoding.UTF8.GetBytes(Json));

        Assert.Equal(600, configuration.ClientSessionTokenTtl);
        Assert.Equal(new[] { "LIVENESS" }, configuration.RequestedChecks);
        Assert.Equal(2, configuration.RequiredResources.Count);
        YotiRequiredResource unknown = configuration.RequiredResources[0];
        Assert.False(unknown.IsKnownType);
        Assert.Equal("VOICE_SAMPLE", unknown.Type);
        Assert.Equal(new[] { "KIOSK" }, unknown.AllowedSources);
        Assert.Contains("\"pitch\"", unknown.GetRawJson(), System.StringComparison.Ordinal);
        Assert.Same(unknown, Assert.Single(configuration.Capture.GetRequiredResources("voice_sample")));
        Assert.Equal("GENERIC=2", configuration.RequiredResources[1].AttemptsRemaining.ToString());
        Assert.Equal("FRA: ", configuration.RequiredResources[1].SupportedCountries[0].ToString());
        Assert.Contains("future_top", configuration.GetRawJson(), System.StringComparison.Ordinal);
    }

    [Fact]
    public void Configuration_WithoutCapture_HasAnEmptyCapture()
    {
        YotiSessionConfiguration configuration = YotiSessionConfiguration.Parse(Encoding.UTF8.GetBytes("{}"));

        Assert.Null(configuration.SessionId);
        Assert.Empty(configuration.RequiredResources);
        Assert.Equal("{}", configuration.Capture.GetRawJson());
        Assert.Throws<YotiInvalidDataException>(() => YotiSessionConfiguration.Parse(Encoding.UTF8.GetBytes("[]")));
    }

    [Fact]
    public void TrackedDevices_Fixture_IsOneFlatObjectPerEvent()
    {
        var events = YotiTrackedDeviceEvent.ParseList(Fixture("endpoint-tracked-devices.json"), "s-1");

        Assert.Equal(new[] { "CONFIG_FIRST_LOADED", "RESOURCE_CREATED", "RESOURCE_CREATED", "CLIENT_SESSION_TOKEN_DELETED" }, events.Select(e => e.Event));
        YotiTrackedDeviceEvent first = events[0];
        Assert.Equal("s-1", first.SessionId);
        Assert.Null(first.ResourceId);
        Assert.Equal(new System.DateTimeOffset(2025, 3, 11, 10, 14, 58, System.TimeSpan.Zero), first.Created);
        Assert.Equal("81.2.69.142", first.IpAddress);
        Assert.Equal("GBR", first.IpCountry);
        Assert.Equal("Apple", first.Manufacturer);
        Assert.Equal("iPhone", first.Model);
        Assert.Equal("iOS", first.OsName);
        Assert.Equal("18.3.1", first.OsVersion);
        Assert.Equal("Mobile Safari", first.BrowserName);
        Assert.Equal("18.3", first.BrowserVersion);
        Assert.Equal("en-GB", first.Locale);
        Assert.Equal("4.31.0", first.ClientVersion);
        Assert.Equal("b59f07db-9eeb-4551-9e1b-9735018efdef", events[1].ResourceId);
        Assert.Null(events[2].IpAddress); // "" in the fixture
    }

    [Fact]
    public void TrackedDevices_UnknownEventsAndFields_AreKept_AndANonArrayIsInvalid()
    {
        const string Json = @"[{""event"":""DEVICE_REVOKED"",""created"":""not a date"",""device"":{""manufacturer_name"":""Acme"",""gpu"":""x""},""extra"":true},""junk"",{}]";
        var events = YotiTrackedDeviceEvent.ParseList(Encoding.UTF8.GetBytes(Json), null);

        Assert.Equal(2, events.Count);
        Assert.Equal("DEVICE_REVOKED", events[0].Event);
        Assert.Null(events[0].Created);
        Assert.Equal("Acme", events[0].Manufacturer);
        Assert.Contains("gpu", events[0].GetRawJson(), System.StringComparison.Ordinal);
        Assert.Null(events[1].Event);
        Assert.Throws<YotiInvalidDataException>(() => YotiTrackedDeviceEvent.ParseList(Encoding.UTF8.GetBytes("{\"event\":\"X\"}"), null));
    }

    [Fact]
    public void SupportedDocuments_Fixture_IsOneRowPerCountryAndDocument()
    {
        var rows = YotiSupportedDocument.ParseList(Fixture("endpoint-supported-documents.json"));

        Assert.Equal(8, rows.Count);
        Assert.Equal("GBR PASSPORT", rows[0].ToString());
        Assert.Equal(new[] { "GBR", "UKR", "JPN" }, rows.Select(r => r.Country).Distinct());
        Assert.Equal(2, rows.Count(r => r.IsStrictlyLatin == false));
        Assert.Equal("NATIONAL_ID", rows.First(r => r.Country == "UKR" && r.IsStrictlyLatin == false).DocumentType);
    }

    [Fact]
    public void SupportedDocuments_UnknownShapes_AreTolerated()
    {
        const string Json = @"{""supported_countries"":[{""code"":""XKX"",""supported_documents"":{""type"":""KOSOVO_ID"",""is_strictly_latin"":""true"",""new"":1}},{""supported_documents"":[{}]},5],""other"":[]}";
        var rows = YotiSupportedDocument.ParseList(Encoding.UTF8.GetBytes(Json));

        Assert.Equal(2, rows.Count);
        Assert.Equal("KOSOVO_ID", rows[0].DocumentType);
        Assert.True(rows[0].IsStrictlyLatin);
        Assert.Contains("\"new\"", rows[0].GetRawJson(), System.StringComparison.Ordinal);
        Assert.Null(rows[1].Country);
        Assert.Null(rows[1].IsStrictlyLatin);
    }
}
