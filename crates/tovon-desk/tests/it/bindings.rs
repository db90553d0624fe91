//! The TypeScript types of the DTOs are generated from Rust and committed under
//! `ui/src/lib/bindings/`; this test fails when they drift.
//! `TOVON_BLESS=1 cargo test -p tovon-desk bindings` rewrites them.

use std::path::PathBuf;

use tovon_desk::dto::{
    AboutDto, AcuityCellDto, AnchorDto, AnchorFindingDto, AnchorOutcomeCode, ApproveDto, AttachmentDto,
    AuditActionCode, AuditChangeDto, AuditCheckDto, AuditEntryDto, BackupDto, BackupFailureDto,
    BackupStatusDto, BundleDto, CalcLineDto, CalcLineKind, CalcRequestDto, CalculationDto, CalendarDayDto,
    CalendarStatusDto, ChecklistDto, ChecklistGroupDto, ChecklistItemDto, ClaimCalculationDto, ClaimDraftDto,
    ClaimDto, ClaimEventDto, ClaimFactsDto, ClaimListDto, ClaimListQueryDto, ClaimOutcome, ClaimRowDto,
    ClaimSortCode, ClaimStateCode, ClaimTransitionDto, ClaimWarningDto, ColumnMappingDto, ColumnPairDto,
    DbInfoDto, DeadlineDto, DeadlineKindCode, DeadlineStateCode, DecisionDto, DecisionKindCode,
    DecisionViewDto, DeferDto, DeferredDto, DeskKeyDto, DocumentLogDto, DocumentReceiptDto,
    DocumentRequestDto, DocumentRequestInfoDto, DocumentStateCode, DueFilterCode, ErrorCode, ErrorDto,
    ExchangeProgressDto, ExchangeStatusDto, ExchangeStep, ExportDto, ExternalPaymentInputDto, FormCode,
    GroundDto, HistoryDetailDto, HistoryLineDto, IdentityDto, ImportFieldDto, ImportHeaderDto, ImportPhase,
    ImportProgressDto, ImportReportDto, InjuryRequestDto, IssuedDocumentDto, IssuedKindCode,
    ItemParameterKind, LanguageTag, MedicalSourceCode, NewUserDto, PaperBlockDto, PaperColumnDto, PaperDto,
    PayeeDto, PayeeInputDto, PayeeRoleCode, PaymentDto, PaymentInputDto, PersonCardDto, PolicyByHandDto,
    PolicySearchDto, PolicySummaryDto, PreferencesDto, PriorPaymentDto, PriorPaymentRequestDto, ReceivedCode,
    ReceivedDto, RefuseDto, RestoreDto, RoleCode, RowProblemDto, ScheduleItemDto, ScheduleSectionDto,
    ScheduleVersionDto, ScheduleViewDto, SecuritySettingsDto, SentDto, SessionDto, SessionStateDto,
    SubmissionDto, SubmissionStateCode, SyncedDto, TableCountDto, TodayDto, TodayQueueDto, UserChangeDto,
    UserDto, WaitCode, WorkQueueCode,
};
use ts_rs::{Config, TS};

fn generated() -> Vec<(String, String)> {
    let config = Config::default();
    let mut files = Vec::new();
    macro_rules! add {
        ($($dto:ty),* $(,)?) => {$(
            files.push((
                format!("{}.ts", <$dto as TS>::name(&config)),
                <$dto as TS>::export_to_string(&config).expect("export"),
            ));
        )*};
    }
    add!(
        AnchorDto,
        AnchorFindingDto,
        AnchorOutcomeCode,
        DeskKeyDto,
        BundleDto,
        ExchangeStatusDto,
        ExchangeStep,
        ExchangeProgressDto,
        ReceivedCode,
        ReceivedDto,
        SentDto,
        SyncedDto,
        AuditActionCode,
        AuditChangeDto,
        AuditCheckDto,
        AuditEntryDto,
        HistoryLineDto,
        HistoryDetailDto,
        BackupDto,
        BackupFailureDto,
        BackupStatusDto,
        FormCode,
        RestoreDto,
        IdentityDto,
        NewUserDto,
        RoleCode,
        SecuritySettingsDto,
        SessionDto,
        SessionStateDto,
        SubmissionDto,
        SubmissionStateCode,
        UserChangeDto,
        UserDto,
        ApproveDto,
        DecisionDto,
        DecisionKindCode,
        DecisionViewDto,
        DeferDto,
        ExternalPaymentInputDto,
        GroundDto,
        IssuedDocumentDto,
        IssuedKindCode,
        PayeeDto,
        PayeeInputDto,
        PayeeRoleCode,
        PaymentDto,
        PaymentInputDto,
        PriorPaymentDto,
        RefuseDto,
        AttachmentDto,
        ChecklistDto,
        ChecklistGroupDto,
        ChecklistItemDto,
        ClaimFactsDto,
        DocumentLogDto,
        DocumentReceiptDto,
        DocumentRequestDto,
        DocumentRequestInfoDto,
        DocumentStateCode,
        MedicalSourceCode,
        ImportPhase,
        ImportProgressDto,
        ColumnMappingDto,
        ClaimCalculationDto,
        ColumnPairDto,
        ImportFieldDto,
        ImportHeaderDto,
        ClaimDraftDto,
        ClaimDto,
        ClaimEventDto,
        ClaimListDto,
        ClaimListQueryDto,
        TodayDto,
        TodayQueueDto,
        WorkQueueCode,
        WaitCode,
        ClaimOutcome,
        ClaimRowDto,
        ClaimSortCode,
        ClaimStateCode,
        ClaimTransitionDto,
        ClaimWarningDto,
        DeadlineDto,
        DeadlineKindCode,
        DeadlineStateCode,
        DueFilterCode,
        PolicyByHandDto,
        AboutDto,
        AcuityCellDto,
        CalcLineDto,
        CalcLineKind,
        CalcRequestDto,
        CalculationDto,
        CalendarDayDto,
        CalendarStatusDto,
        DbInfoDto,
        DeferredDto,
        ErrorCode,
        ErrorDto,
        ImportReportDto,
        InjuryRequestDto,
        ItemParameterKind,
        LanguageTag,
        PersonCardDto,
        PaperDto,
        PaperBlockDto,
        PaperColumnDto,
        ExportDto,
        PolicySearchDto,
        PolicySummaryDto,
        PreferencesDto,
        PriorPaymentRequestDto,
        RowProblemDto,
        ScheduleItemDto,
        ScheduleSectionDto,
        ScheduleVersionDto,
        ScheduleViewDto,
        TableCountDto,
    );
    files.sort();
    files
}

fn bindings_dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../ui/src/lib/bindings"))
}

#[test]
fn committed_typescript_bindings_match_the_rust_dtos() {
    let dir = bindings_dir();
    let files = generated();
    if std::env::var_os("TOVON_BLESS").is_some() {
        std::fs::create_dir_all(&dir).expect("create bindings dir");
        for (name, content) in &files {
            std::fs::write(dir.join(name), content).expect("write binding");
        }
    }
    let mut committed: Vec<String> = std::fs::read_dir(&dir)
        .expect("ui/src/lib/bindings exists")
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| name.ends_with(".ts"))
        .collect();
    committed.sort();
    let expected: Vec<String> = files.iter().map(|(name, _)| name.clone()).collect();
    assert_eq!(committed, expected, "stale or missing binding files; run with TOVON_BLESS=1");
    for (name, content) in &files {
        let on_disk = std::fs::read_to_string(dir.join(name)).expect("read binding");
        assert_eq!(&on_disk, content, "{name} drifted from Rust; run with TOVON_BLESS=1");
    }
}
