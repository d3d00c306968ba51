package cn.shanghai.techfinance.subsidy.console.officer;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The officers' start page. */
@Controller
class OfficerOverviewController {

    @GetMapping("/console/officer")
    String overview() {
        return "console/officer/overview";
    }
}
