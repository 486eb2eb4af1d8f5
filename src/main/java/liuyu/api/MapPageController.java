package liuyu.api;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The map page for people lives at /map/; the service root sends people there. */
@Controller
public class MapPageController {

    @GetMapping("/")
    public String root() {
        return "redirect:/map/";
    }

    @GetMapping({"/map", "/map/"})
    public String map() {
        return "forward:/map/index.html";
    }
}
