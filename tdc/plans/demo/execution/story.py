"""The reports story: over the round's five weeks DoST, Sở Tài chính (reporter and approver), Sở
Công Thương and UBND Phường Nha Trang write, send, have returned or accepted their reports."""

from __future__ import annotations

from tdc.accounts.models import User
from tdc.plans.demo.execution.cast import organisation
from tdc.plans.demo.execution.history import (
    Step,
    accept,
    approve,
    expected_report,
    figure,
    play,
    send_back,
    submit,
    write,
)
from tdc.plans.demo.execution.rounds import Clock
from tdc.plans.models import ProgressReport, ReportingPeriod


def play_reports(period: ReportingPeriod, users: dict[str, User], clock: Clock) -> int:
    at = clock.at
    officer, checker = users.get("canbo.tdc"), users.get("kiemtra.tdc")
    finance, finance_head = users.get("baocao.taichinh"), users.get("duyet.taichinh")
    trade, ward = users.get("baocao.congthuong"), users.get("canbo.nhatrang")
    if officer is None or finance is None or finance_head is None or trade is None:
        return 0
    if checker is None:
        return 0
    # The DoST's own reports are accepted by the second officer, who did not write them.
    dost_reviewer = checker
    dost = organisation("Sở Khoa học và Công nghệ")
    finance_org, trade_org = organisation("Sở Tài chính"), organisation("Sở Công Thương")
    ward_org = organisation("UBND Phường Nha Trang")
    next_year = period.year + 1
    played = 0
    stories: list[tuple[ProgressReport | None, list[Step]]] = [
        # DoST reports on the tasks it leads; a second officer accepts its reports.
        (
            expected_report(period, dost, "1.1"),
            [
                Step(
                    at(10, 28),
                    write(
                        officer,
                        percent=80,
                        results=(
                            "Tham mưu UBND tỉnh ban hành Kế hoạch; tổ chức 03 hội nghị quán triệt Chỉ thị số 38-CT/TW "
                            "cho lãnh đạo các sở, ngành, UBND cấp xã và doanh nghiệp; đăng 36 tin, bài trên Trang thông tin "
                            "điện tử của Sở và Zalo OA “Tiêu chuẩn Đo lường Chất lượng Khánh Hòa”."
                        ),
                        figures=[
                            figure("Số hội nghị", "3", "hội nghị"),
                            figure("Số tin, bài", "36", "tin, bài"),
                        ],
                    ),
                ),
                Step(at(10, 30), submit(officer)),
                Step(at(11, 2), accept(dost_reviewer)),
            ],
        ),
        (
            expected_report(period, dost, "2.1"),
            [
                Step(
                    at(10, 14),
                    write(
                        officer,
                        progress="completed",
                        percent=100,
                        completed_on=clock.day(10, 14),
                        results=(
                            "Thẩm định nội dung tiêu chuẩn, đo lường, chất lượng của 12 dự án đầu tư, 4 chương trình phát triển "
                            "kinh tế - xã hội của tỉnh."
                        ),
                        figures=[figure("Số dự án được thẩm định", "12", "dự án")],
                    ),
                ),
                Step(at(10, 15), submit(officer)),
                Step(at(10, 16), accept(dost_reviewer)),
            ],
        ),
        (
            expected_report(period, dost, "2.3"),
            [
                Step(
                    at(10, 20),
                    write(
                        officer,
                        progress="completed",
                        percent=100,
                        completed_on=clock.day(10, 20),
                        results=(
                            "Triển khai các nhiệm vụ được phân cấp về tiêu chuẩn, đo lường, chất lượng; kiểm tra 35 cơ sở kinh "
                            "doanh xăng dầu, xử lý 4 trường hợp vi phạm."
                        ),
                        figures=[figure("Số cơ sở được kiểm tra", "35", "cơ sở")],
                    ),
                ),
                Step(at(10, 21), submit(officer)),
                Step(at(10, 22), accept(dost_reviewer)),
            ],
        ),
        # Sở Tài chính: the reporter drafts, the approver signs off, DoST reviews.
        (
            expected_report(period, finance_org, "1.1"),
            [
                Step(
                    at(11, 3),
                    write(
                        finance,
                        percent=100,
                        progress="completed",
                        completed_on=clock.day(10, 30),
                        results=(
                            "Tổ chức quán triệt Chỉ thị số 38-CT/TW cho toàn thể công chức, viên chức của Sở tại hội nghị cơ quan "
                            f"ngày {clock.day(10, 30):%d/%m/%Y}."
                        ),
                        figures=[figure("Số công chức, viên chức được quán triệt", "118", "người")],
                    ),
                ),
                Step(at(11, 3, 10), submit(finance)),
                Step(at(11, 4), approve(finance_head)),
                Step(at(11, 6), accept(officer, "Đã tổng hợp vào báo cáo chung.")),
            ],
        ),
        (
            expected_report(period, finance_org, "2.1"),
            [
                Step(
                    at(11, 5),
                    write(
                        finance,
                        percent=60,
                        results="Phối hợp thẩm định nội dung kinh phí của các dự án có liên quan.",
                    ),
                ),
                Step(at(11, 5, 10), submit(finance)),
                Step(at(11, 6), approve(finance_head)),
                Step(
                    at(11, 12),
                    send_back(
                        officer, "Đề nghị nêu rõ số dự án đã phối hợp thẩm định và tổng kinh phí."
                    ),
                ),
                Step(
                    at(11, 14),
                    write(
                        finance,
                        percent=70,
                        results=(
                            "Phối hợp thẩm định nội dung kinh phí của 5 dự án có liên quan, tổng kinh phí 2,4 tỷ đồng."
                        ),
                        figures=[
                            figure("Số dự án", "5", "dự án"),
                            figure("Kinh phí", "2.4", "tỷ đồng"),
                        ],
                    ),
                ),
                Step(at(11, 14, 10), submit(finance)),
                Step(at(11, 14, 15), approve(finance_head)),
            ],
        ),
        (
            expected_report(period, finance_org, "2.2"),
            [
                Step(
                    at(11, 9),
                    write(
                        finance,
                        percent=50,
                        results="Rà soát các chính sách về kinh phí cho hoạt động tiêu chuẩn, đo lường, chất lượng.",
                    ),
                ),
                Step(at(11, 9, 15), submit(finance)),
            ],
        ),
        (
            expected_report(period, finance_org, "2.5"),
            [
                Step(
                    at(11, 8),
                    write(
                        finance,
                        percent=40,
                        results=f"Tổng hợp dự toán kinh phí năm {next_year} do Sở Khoa học và Công nghệ đề xuất.",
                        difficulties=f"Nguồn ngân sách năm {next_year} còn khó khăn.",
                        proposals="Ưu tiên bố trí kinh phí đầu tư trang thiết bị kiểm định.",
                    ),
                ),
                Step(at(11, 8, 10), submit(finance)),
                Step(at(11, 8, 15), approve(finance_head)),
                Step(
                    at(11, 13),
                    send_back(
                        officer,
                        f"Bổ sung số kinh phí dự kiến bố trí năm {next_year} cho các nhiệm vụ của Kế hoạch.",
                    ),
                ),
            ],
        ),
        (
            expected_report(period, finance_org, "2.3"),
            [Step(at(11, 16), write(finance, percent=20, results="Đang tổng hợp số liệu."))],
        ),
        # Sở Công Thương: no approver, sends straight to DoST; one report late.
        (
            expected_report(period, trade_org, "1.1"),
            [
                Step(
                    at(11, 9),
                    write(
                        trade,
                        percent=90,
                        results=(
                            "Quán triệt Chỉ thị tại hội nghị giao ban; phối hợp tuyên truyền cho 45 doanh nghiệp thương mại về "
                            "ghi nhãn và đo lường trong kinh doanh xăng dầu."
                        ),
                        figures=[figure("Số doanh nghiệp được tuyên truyền", "45", "doanh nghiệp")],
                    ),
                ),
                Step(at(11, 9, 16), submit(trade)),
            ],
        ),
        (
            expected_report(period, trade_org, "2.1"),
            [
                Step(
                    at(11, 15),
                    write(
                        trade, percent=60, results="Phối hợp thẩm định 3 dự án thương mại, dịch vụ."
                    ),
                ),
                Step(at(11, 15, 10), submit(trade)),
                Step(at(11, 17), accept(officer)),
            ],
        ),
        (
            expected_report(period, trade_org, "2.2"),
            [
                Step(
                    at(11, 10, 8),
                    write(trade, percent=30, results="Triển khai một số văn bản mới."),
                ),
                Step(at(11, 10, 9), submit(trade)),
                Step(at(11, 12, 10), send_back(officer, "Nêu tên các văn bản đã triển khai.")),
            ],
        ),
        (
            expected_report(period, trade_org, "2.3"),
            [Step(at(11, 18), write(trade, percent=10, results="Đang tổng hợp kết quả kiểm tra."))],
        ),
    ]
    if ward is not None:
        stories.append(
            (
                expected_report(period, ward_org, "1.1"),
                [
                    Step(
                        at(11, 7),
                        write(
                            ward,
                            percent=100,
                            progress="completed",
                            completed_on=clock.day(9, 25),
                            results=(
                                "Tổ chức tuyên truyền Chỉ thị qua hệ thống loa truyền thanh của phường và tại 12 tổ dân phố."
                            ),
                        ),
                    ),
                    Step(at(11, 7, 10), submit(ward)),
                    Step(at(11, 10), accept(officer)),
                ],
            )
        )
    for report, steps in stories:
        played += int(play(report, steps))
    return played
