using System;
using System.Management.Automation;
using YotiIdv.Archive;
using YotiIdv.Files;
using YotiIdv.Http;
using YotiIdv.Media;
using YotiIdv.Signing;

namespace YotiIdv.Infrastructure;

/// <summary>
/// Turns failures into ErrorRecords with a stable id, a specific category, the item as target, the API's own
/// message in ErrorDetails and a recommended action. The table of ids is in docs/about_YotiIdv.md.
/// </summary>
internal static class ErrorFactory
{
    public const string NotConnected = "YotiNotConnected";
    public const string InvalidKey = "YotiInvalidKey";
    public const string InvalidConnection = "YotiInvalidConnection";
    public const string InvalidSessionId = "YotiInvalidSessionId";
    public const string SessionNotFound = "YotiSessionNotFound";
    public const string ApplicationNotFound = "YotiApplicationNotFound";
    public const string AuthenticationFailed = "YotiAuthenticationFailed";
    public const string RateLimited = "YotiRateLimited";
    public const string ServiceUnavailable = "YotiServiceUnavailable";
    public const string ConnectionFailed = "YotiConnectionFailed";
    public const string Timeout = "YotiTimeout";
    public const string InvalidResponse = "YotiInvalidResponse";
    public const string RequestRejected = "YotiRequestRejected";
    public const string ResponseTooLarge = "YotiResponseTooLarge";
    public const string SessionFileNotFound = "YotiSessionFileNotFound";
    public const string InvalidSessionFile = "YotiInvalidSessionFile";
    public const string IdentityProfileNotReady = "YotiIdentityProfileNotReady";
    public const string IdentityProfileExpired = "YotiIdentityProfileExpired";
    public const string IdentityProfileMissing = "YotiIdentityProfileMissing";
    public const string IdentityProfileAborted = "YotiIdentityProfileAborted";
    public const string InvalidMediaId = "YotiInvalidMediaId";
    public const string MediaNotFound = "YotiMediaNotFound";
    public const string MediaNoContent = "YotiMediaNoContent";
    public const string OutputFileExists = "YotiOutputFileExists";
    public const string OutputFileWriteFailed = "YotiOutputFileWriteFailed";
    public const string InvalidOutputPath = "YotiInvalidOutputPath";
    public const string InvalidParameterCombination = "YotiInvalidParameterCombination";
    public const string InvalidDocumentFields = "YotiInvalidDocumentFields";
    public const string DocumentFieldsFileNotFound = "YotiDocumentFieldsFileNotFound";
    public const string ResourceConflict = "YotiResourceConflict";
    public const string ArchiveCorrupt = "YotiArchiveCorrupt";
    public const string ArchiveNotFound = "YotiArchiveNotFound";
    public const string ReportFileNotFound = "YotiReportFileNotFound";
    public const string KeySetFileNotFound = "YotiKeySetFileNotFound";
    public const string InvalidKeySet = "YotiInvalidKeySet";

    /// <summary>ErrorDetails (and the exception message it shows) are cut to this many characters, with a note.</summary>
    public const int MaxDetailsLength = YotiApiException.MaxMessageLength + 512;

    /// <summary>
    /// The record for a failed API call about <paramref name="target"/> (a session id, media id ...). A 404 is about
    /// the resource the request names; <paramref name="otherNotFoundId"/> is for requests that name no known resource.
    /// </summary>
    public static ErrorRecord FromApiFailure(YotiApiException ex, object target, string otherNotFoundId = SessionNotFound)
    {
        string notFoundId = NotFoundId(ex.Resource, otherNotFoundId);
        (string id, ErrorCategory category, string? action) = ex.Kind switch
        {
            YotiFailureKind.NotFound when ex.YotiErrorCode == "APP_NOT_FOUND" => (ApplicationNotFound, ErrorCategory.ObjectNotFound,
                "Check the SDK id and that the key and the API URL belong to the same Yoti environment (production or sandbox)."),
            YotiFailureKind.NotFound => (notFoundId, ErrorCategory.ObjectNotFound,
                "Check the id. Yoti deletes sessions and media when their retention period ends."),
            YotiFailureKind.Authentication => (AuthenticationFailed, ErrorCategory.AuthenticationError,
                "Check that the SDK id and the private key belong to the same Yoti application, and that the clock of this machine is right."),
            YotiFailureKind.RateLimited => (RateLimited, ErrorCategory.LimitsExceeded,
                "Lower -ThrottleLimit or run again later; Yoti is limiting the request rate."),
            YotiFailureKind.ServerError => (ServiceUnavailable, ErrorCategory.ResourceUnavailable,
                "Run the command again later; the Yoti API is not available."),
            YotiFailureKind.Network => (ConnectionFailed, ErrorCategory.ConnectionError,
                "Check the network connection and the API URL, then run the command again."),
            YotiFailureKind.Timeout => (Timeout, ErrorCategory.OperationTimeout,
                "Run the command again, or raise the timeout of the connection."),
            YotiFailureKind.InvalidResponse => (InvalidResponse, ErrorCategory.InvalidData,
                "Run the command again; if it persists, the response is not what the Yoti API documents."),
            YotiFailureKind.ResponseTooLarge => (ResponseTooLarge, ErrorCategory.LimitsExceeded,
                "If the answer is genuine, raise the limit: Connect-YotiIdv -MaxResponseBytes (in memory) or -MaxStreamedBytes (files), or $connection.RequestOptions."),
            // 409: a session not completed yet, or media locked by a running check (spec 3.3, 3.4).
            YotiFailureKind.Rejected when ex.StatusCode == 409 => (ResourceConflict, ErrorCategory.ResourceBusy,
                "Yoti deletes a session only once it is completed, and media only when no check uses it: try again later."),
            _ => (RequestRejected, RejectedCategory(ex.StatusCode), null),
        };

        // The request path already names the session (and media) id.
        string message = ex.Message;
        if (ex.Attempts > 1)
        {
            message = message.TrimEnd() + (message.TrimEnd().EndsWith(".", StringComparison.Ordinal) ? string.Empty : ".") + $" Gave up after {ex.Attempts} attempts.";
        }

        var record = new ErrorRecord(ex, id, category, target)
        {
            ErrorDetails = new ErrorDetails(Redaction.Cap(message, MaxDetailsLength)),
        };
        if (action != null)
        {
            record.ErrorDetails.RecommendedAction = action;
        }

        return record;
    }

    /// <summary>The record for a media item not saved (exists, no content, write failure).</summary>
    public static ErrorRecord FromMediaFileProblem(YotiMediaFileException file, object target)
    {
        (string id, ErrorCategory category, string? action) = file.Problem switch
        {
            YotiMediaFileProblem.Exists => (OutputFileExists, ErrorCategory.ResourceExists, "Use -Force to overwrite the file, or choose another -OutFile or -Destination."),
            YotiMediaFileProblem.OutFileReused => (OutputFileExists, ErrorCategory.ResourceExists, "Use -Destination to save several items."),
            YotiMediaFileProblem.NoContent => (MediaNoContent, ErrorCategory.ResourceUnavailable, (string?)null),
            _ => (OutputFileWriteFailed, ErrorCategory.WriteError, "Check free disk space and write access to the destination."),
        };
        return WithDetails(new ErrorRecord(file, id, category, target), file.Message, action);
    }

    /// <summary>The record for a local file not written.</summary>
    public static ErrorRecord FromFileProblem(YotiFileException file, object target) =>
        file.Problem == YotiFileProblem.Exists
            ? WithDetails(new ErrorRecord(file, OutputFileExists, ErrorCategory.ResourceExists, target), file.Message + " Use -Force to overwrite it.", null)
            : WithDetails(new ErrorRecord(file, OutputFileWriteFailed, ErrorCategory.WriteError, target), file.Message, "Check free disk space and write access to the destination.");

    /// <summary>The record for an archive whose files no longer match their manifest.</summary>
    public static ErrorRecord FromArchiveCorrupt(YotiArchiveCorruptException ex, object target) =>
        WithDetails(new ErrorRecord(ex, ArchiveCorrupt, ErrorCategory.InvalidData, target), ex.Message,
            "Keep the archive as it is and find out who changed it (Test-YotiSessionArchive lists the files); -Force downloads the files again.");
    /// <summary>Gives <paramref name="record"/> ErrorDetails with its exception's message, redacted and capped.</summary>
    public static ErrorRecord WithCappedDetails(ErrorRecord record)
    {
        string message = record.ErrorDetails?.Message ?? record.Exception.Message;
        record.ErrorDetails = new ErrorDetails(Redaction.Cap(Redaction.Redact(message), MaxDetailsLength))
        {
            RecommendedAction = record.ErrorDetails?.RecommendedAction ?? string.Empty,
        };
        return record;
    }

    private static string NotFoundId(YotiResource resource, string otherNotFoundId) => resource switch
    {
        YotiResource.Media => MediaNotFound,
        YotiResource.Session or YotiResource.Configuration or YotiResource.TrackedDevices => SessionNotFound,
        _ => otherNotFoundId,
    };

    public static ErrorRecord InvalidId(string errorId, object? input, string reason, string what)
    {
        string message = $"{what} '{YotiId.ForDisplay(input?.ToString())}' is not valid: {reason}. It was not sent to Yoti.";
        return new ErrorRecord(new ArgumentException(message), errorId, ErrorCategory.InvalidArgument, input);
    }

    public static ErrorRecord FromKeyProblem(YotiKeyException ex, object? target) =>
        new ErrorRecord(ex, InvalidKey, ex.Problem switch
        {
            YotiKeyProblem.Encrypted => ErrorCategory.SecurityError,
            YotiKeyProblem.FileUnreadable => ErrorCategory.ReadError,
            YotiKeyProblem.NotARegularFile => ErrorCategory.InvalidArgument,
            YotiKeyProblem.FileTooLarge => ErrorCategory.LimitsExceeded,
            _ => ErrorCategory.InvalidData,
        }, target)
        {
            ErrorDetails = new ErrorDetails(ex.Message)
            {
                RecommendedAction = ex.Problem is YotiKeyProblem.FileUnreadable or YotiKeyProblem.NotARegularFile or YotiKeyProblem.FileTooLarge
                    ? "Pass the path of your application's .pem key file itself: a regular file of at most 1 MiB that this account can read."
                    : "Use the unencrypted RSA private key (.pem) of your application, downloaded from Yoti Hub.",
            },
        };

    /// <summary>The record for a local input file refused by <see cref="YotiIdv.Files.LocalFile"/>.</summary>
    public static ErrorRecord FromLocalFile(YotiIdv.Files.LocalFileException ex, string notFoundId, string invalidId) =>
        ex.Problem switch
        {
            YotiIdv.Files.LocalFileProblem.NotFound => new ErrorRecord(ex, notFoundId, ErrorCategory.ObjectNotFound, ex.Path),
            YotiIdv.Files.LocalFileProblem.Unreadable => new ErrorRecord(ex, notFoundId, ErrorCategory.ReadError, ex.Path),
            YotiIdv.Files.LocalFileProblem.TooLarge => new ErrorRecord(ex, invalidId, ErrorCategory.LimitsExceeded, ex.Path),
            _ => new ErrorRecord(ex, invalidId, ErrorCategory.InvalidArgument, ex.Path),
        };

    public static ErrorRecord NotConnectedRecord()
    {
        const string Message = "Not connected to Yoti IDV. Run Connect-YotiIdv, pass -Connection, or set the environment variables "
            + YotiConnection.SdkIdVariable + " and " + YotiConnection.KeyFileVariable + ".";
        return new ErrorRecord(new InvalidOperationException(Message), NotConnected, ErrorCategory.ConnectionError, null)
        {
            ErrorDetails = new ErrorDetails(Message) { RecommendedAction = "Run Connect-YotiIdv -SdkId <id> -KeyFilePath <pem>." },
        };
    }

    private static ErrorRecord WithDetails(ErrorRecord record, string message, string? action)
    {
        record.ErrorDetails = new ErrorDetails(message);
        if (action != null)
        {
            record.ErrorDetails.RecommendedAction = action;
        }

        return record;
    }

    private static ErrorCategory RejectedCategory(int? status) => status switch
    {
        400 => ErrorCategory.InvalidArgument,
        409 => ErrorCategory.ResourceBusy,
        422 => ErrorCategory.InvalidData,
        _ => ErrorCategory.InvalidOperation,
    };
}
