package cn.shanghai.techfinance.subsidy.console.firm;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** A firm's start page. */
@Controller
class FirmOverviewController {

    @GetMapping("/console/firm")
    String overview() {
        return "console/firm/overview";
    }
}
